namespace Burnout.Ml.Linear;

/// <summary>Minimisers of a <see cref="LogisticObjective"/>. Both start from zero and are fully deterministic.</summary>
internal static class LogisticOptimizers
{
    private const double ArmijoSlope = 1e-4;
    private const int MaxHalvings = 40;

    /// <summary>What an optimiser reached.</summary>
    public readonly record struct Outcome(double[] Parameters, int Iterations, bool Converged, double Objective);

    /// <summary>Newton's method: exact Hessian, Cholesky solve, Armijo backtracking.</summary>
    public static Outcome Newton(LogisticObjective objective, int maxIterations, double tolerance)
    {
        var d = objective.Dimension;
        var parameters = new double[d];
        var trial = new double[d];
        var gradient = new double[d];
        var hessian = new double[d * d];
        var direction = new double[d];
        var margins = new double[objective.Rows];
        var directionMargins = new double[objective.Rows];
        var threshold = tolerance * Math.Max(1, objective.TotalWeight);
        var value = objective.Loss(margins, directionMargins, 0);
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            objective.Gradient(parameters, margins, gradient, hessian);
            if (MaxAbs(gradient) <= threshold)
            {
                return new Outcome(parameters, iteration, true, value);
            }

            for (var k = 0; k < d; k++)
            {
                direction[k] = -gradient[k];
            }

            CholeskySolve(hessian, d, direction);
            if (!LineSearch(objective, parameters, trial, gradient, direction, margins, directionMargins, ref value))
            {
                // No decrease is possible at floating-point resolution: this is the optimum we can represent.
                return new Outcome(parameters, iteration + 1, MaxAbs(gradient) <= threshold * 1e3, value);
            }
        }

        objective.Gradient(parameters, margins, gradient, null);
        return new Outcome(parameters, maxIterations, MaxAbs(gradient) <= threshold, value);
    }

    /// <summary>Limited-memory BFGS (two-loop recursion) with Armijo backtracking.</summary>
    public static Outcome Lbfgs(LogisticObjective objective, int maxIterations, double tolerance, int memory)
    {
        var d = objective.Dimension;
        var parameters = new double[d];
        var trial = new double[d];
        var gradient = new double[d];
        var previousGradient = new double[d];
        var direction = new double[d];
        var alpha = new double[memory];
        var s = new double[memory][];
        var y = new double[memory][];
        var rho = new double[memory];
        for (var k = 0; k < memory; k++)
        {
            s[k] = new double[d];
            y[k] = new double[d];
        }

        var margins = new double[objective.Rows];
        var directionMargins = new double[objective.Rows];
        var threshold = tolerance * Math.Max(1, objective.TotalWeight);
        var value = objective.Loss(margins, directionMargins, 0);
        objective.Gradient(parameters, margins, gradient, null);
        int stored = 0, newest = -1;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            if (MaxAbs(gradient) <= threshold)
            {
                return new Outcome(parameters, iteration, true, value);
            }

            // Two-loop recursion: direction = −H·gradient.
            for (var k = 0; k < d; k++)
            {
                direction[k] = -gradient[k];
            }

            for (var n = 0; n < stored; n++)
            {
                var j = (newest - n + memory) % memory;
                alpha[j] = rho[j] * Dot(s[j], direction);
                Axpy(-alpha[j], y[j], direction);
            }

            var scale = stored > 0 ? Dot(s[newest], y[newest]) / Dot(y[newest], y[newest]) : 1 / Math.Max(1, MaxAbs(gradient));
            for (var k = 0; k < d; k++)
            {
                direction[k] *= scale;
            }

            for (var n = stored - 1; n >= 0; n--)
            {
                var j = (newest - n + memory) % memory;
                var beta = rho[j] * Dot(y[j], direction);
                Axpy(alpha[j] - beta, s[j], direction);
            }

            if (Dot(direction, gradient) >= 0)
            {
                // Not a descent direction (numerical trouble): restart from steepest descent.
                stored = 0;
                for (var k = 0; k < d; k++)
                {
                    direction[k] = -gradient[k] / Math.Max(1, MaxAbs(gradient));
                }
            }

            Array.Copy(parameters, trial, d);
            Array.Copy(gradient, previousGradient, d);
            if (!LineSearch(objective, parameters, trial, gradient, direction, margins, directionMargins, ref value))
            {
                return new Outcome(parameters, iteration + 1, MaxAbs(gradient) <= threshold * 1e3, value);
            }

            objective.Gradient(parameters, margins, gradient, null);
            var next = (newest + 1) % memory;
            for (var k = 0; k < d; k++)
            {
                s[next][k] = parameters[k] - trial[k];
                y[next][k] = gradient[k] - previousGradient[k];
            }

            var sy = Dot(s[next], y[next]);
            if (sy > 1e-12 * Math.Sqrt(Dot(s[next], s[next]) * Dot(y[next], y[next])))
            {
                rho[next] = 1 / sy;
                newest = next;
                stored = Math.Min(stored + 1, memory);
            }
        }

        return new Outcome(parameters, maxIterations, MaxAbs(gradient) <= threshold, value);
    }

    /// <summary>
    /// Backtracking from step 1 until the Armijo condition holds; on success moves parameters, margins and value.
    /// <paramref name="trial"/> is scratch and is left holding the parameters before the step.
    /// </summary>
    private static bool LineSearch(
        LogisticObjective objective,
        double[] parameters,
        double[] trial,
        double[] gradient,
        double[] direction,
        double[] margins,
        double[] directionMargins,
        ref double value)
    {
        var d = parameters.Length;
        var slope = Dot(gradient, direction);
        if (!(slope < 0))
        {
            return false;
        }

        objective.Margins(direction, directionMargins);
        var current = value + objective.Penalty(parameters);
        var step = 1.0;
        for (var halving = 0; halving < MaxHalvings; halving++)
        {
            for (var k = 0; k < d; k++)
            {
                trial[k] = parameters[k] + (step * direction[k]);
            }

            var loss = objective.Loss(margins, directionMargins, step);
            if (loss + objective.Penalty(trial) <= current + (ArmijoSlope * step * slope))
            {
                for (var k = 0; k < d; k++)
                {
                    var before = parameters[k];
                    parameters[k] = before + (step * direction[k]);
                    trial[k] = before;
                }

                for (var i = 0; i < margins.Length; i++)
                {
                    margins[i] += step * directionMargins[i];
                }

                value = loss;
                return true;
            }

            step *= 0.5;
        }

        return false;
    }

    /// <summary>Solves A·x = b in place (b becomes x) for symmetric positive-definite A; A is overwritten.</summary>
    private static void CholeskySolve(double[] a, int n, double[] b)
    {
        var jitter = 0.0;
        var trace = 0.0;
        for (var k = 0; k < n; k++)
        {
            trace += a[(k * n) + k];
        }

        var original = (double[])a.Clone();
        while (true)
        {
            if (TryCholesky(a, n))
            {
                break;
            }

            // Only reachable with no penalty and separable or degenerate data: regularise just enough to solve.
            jitter = jitter == 0 ? 1e-12 * Math.Max(trace / n, 1e-300) : jitter * 10;
            Array.Copy(original, a, a.Length);
            for (var k = 0; k < n; k++)
            {
                a[(k * n) + k] += jitter;
            }
        }

        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= a[(i * n) + k] * b[k];
            }

            b[i] = sum / a[(i * n) + i];
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var sum = b[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= a[(k * n) + i] * b[k];
            }

            b[i] = sum / a[(i * n) + i];
        }
    }

    /// <summary>Lower-triangular factor L (A = L·Lᵀ) written into the lower triangle of a.</summary>
    private static bool TryCholesky(double[] a, int n)
    {
        for (var j = 0; j < n; j++)
        {
            var diagonal = a[(j * n) + j];
            for (var k = 0; k < j; k++)
            {
                diagonal -= a[(j * n) + k] * a[(j * n) + k];
            }

            if (!(diagonal > 0))
            {
                return false;
            }

            var l = Math.Sqrt(diagonal);
            a[(j * n) + j] = l;
            for (var i = j + 1; i < n; i++)
            {
                var sum = a[(i * n) + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= a[(i * n) + k] * a[(j * n) + k];
                }

                a[(i * n) + j] = sum / l;
            }
        }

        return true;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (var k = 0; k < a.Length; k++)
        {
            sum += a[k] * b[k];
        }

        return sum;
    }

    private static void Axpy(double a, double[] x, double[] y)
    {
        for (var k = 0; k < x.Length; k++)
        {
            y[k] += a * x[k];
        }
    }

    private static double MaxAbs(double[] v)
    {
        double max = 0;
        foreach (var x in v)
        {
            max = Math.Max(max, Math.Abs(x));
        }

        return max;
    }
}
