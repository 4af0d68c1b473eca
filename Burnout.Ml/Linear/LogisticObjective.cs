using System.Numerics;
using System.Runtime.CompilerServices;
using Burnout.Ml.Data;

namespace Burnout.Ml.Linear;

/// <summary>
/// The penalised, weighted logistic loss over a design, evaluated in fixed row blocks whose partial sums are
/// added in block order, so the value never depends on how many threads computed it. Parameters are laid out as
/// [bias, β₁ … β_p]. Every buffer is allocated once here; the passes allocate nothing per row.
/// </summary>
internal sealed class LogisticObjective
{
    private const int MinBlockRows = 4096;
    private const int MaxBlocks = 64;
    private const int HessianBatch = 64;

    private readonly FeatureMatrix _data;
    private readonly float[] _labels;
    private readonly double[] _weights;
    private readonly double _lambda;
    private readonly int _blockRows;
    private readonly int _blocks;
    private readonly double[][] _designScratch;
    private readonly double[][] _gradientPartials;
    private readonly double[] _lossPartials;
    private readonly double[]?[] _hessianPartials;

    // Per block, up to HessianBatch rows of √(w·p(1−p))·(1, z), column-major, so the Hessian is updated once per batch.
    private readonly double[]?[] _hessianBatches;
    private readonly ParallelOptions _parallel;

    public LogisticObjective(FeatureMatrix data, LinearDesign design, double[] weights, double lambda, int threads)
    {
        _data = data;
        _labels = data.RequireLabels();
        _weights = weights;
        _lambda = lambda;
        Design = design;
        Dimension = design.Width + 1;
        TotalWeight = weights.Sum();
        _blockRows = Math.Max(MinBlockRows, (data.Rows + MaxBlocks - 1) / MaxBlocks);
        _blocks = Math.Max(1, (data.Rows + _blockRows - 1) / _blockRows);
        _designScratch = new double[_blocks][];
        _gradientPartials = new double[_blocks][];
        _hessianPartials = new double[_blocks][];
        _hessianBatches = new double[_blocks][];
        _lossPartials = new double[_blocks];
        for (var b = 0; b < _blocks; b++)
        {
            _designScratch[b] = new double[design.Width];
            _gradientPartials[b] = new double[Dimension];
        }

        _parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
    }

    public LinearDesign Design { get; }

    /// <summary>Number of parameters: the bias plus one per design column.</summary>
    public int Dimension { get; }

    public int Rows => _data.Rows;

    public double TotalWeight { get; }

    public double Penalty(ReadOnlySpan<double> parameters)
    {
        double sum = 0;
        for (var k = 1; k < parameters.Length; k++)
        {
            sum += parameters[k] * parameters[k];
        }

        return 0.5 * _lambda * sum;
    }

    /// <summary>margins[i] = bias + β·zᵢ for the given parameters (also used for search directions).</summary>
    public void Margins(double[] parameters, double[] margins) => ForEachBlock(block => MarginsBlock(block, parameters, margins));

    /// <summary>The weighted data loss (no penalty) at margins + step·direction.</summary>
    public double Loss(double[] margins, double[] direction, double step)
    {
        ForEachBlock(block => LossBlock(block, margins, direction, step));

        double total = 0;
        for (var b = 0; b < _blocks; b++)
        {
            total += _lossPartials[b];
        }

        return total;
    }

    /// <summary>
    /// Gradient of the penalised objective at the given margins and parameters; with <paramref name="hessian"/>
    /// also its Hessian (full, row-major, Dimension × Dimension).
    /// </summary>
    public void Gradient(double[] parameters, double[] margins, double[] gradient, double[]? hessian)
    {
        var d = Dimension;
        if (hessian is not null)
        {
            for (var b = 0; b < _blocks; b++)
            {
                _hessianPartials[b] ??= new double[d * d];
                _hessianBatches[b] ??= new double[d * HessianBatch];
            }
        }

        ForEachBlock(block => GradientBlock(block, margins, hessian is not null));

        Array.Clear(gradient);
        for (var b = 0; b < _blocks; b++)
        {
            var g = _gradientPartials[b];
            for (var k = 0; k < d; k++)
            {
                gradient[k] += g[k];
            }
        }

        for (var k = 1; k < d; k++)
        {
            gradient[k] += _lambda * parameters[k];
        }

        if (hessian is null)
        {
            return;
        }

        Array.Clear(hessian);
        for (var b = 0; b < _blocks; b++)
        {
            var h = _hessianPartials[b]!;
            for (var k = 0; k < h.Length; k++)
            {
                hessian[k] += h[k];
            }
        }

        for (var a = 0; a < d; a++)
        {
            for (var c = 0; c < a; c++)
            {
                hessian[(a * d) + c] = hessian[(c * d) + a];
            }

            if (a > 0)
            {
                hessian[(a * d) + a] += _lambda;
            }
        }
    }

    public static double Sigmoid(double m) => m >= 0 ? 1 / (1 + Math.Exp(-m)) : Math.Exp(m) / (1 + Math.Exp(m));

    /// <summary>ln(1 + eᵐ) without overflow.</summary>
    public static double Softplus(double m) => Math.Max(m, 0) + Math.Log(1 + Math.Exp(-Math.Abs(m)));

    /// <summary>Adds BᵀB to the upper triangle of h, B being the first <paramref name="rows"/> rows of the batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FlushHessianBatch(double[] h, double[] batch, int rows)
    {
        var d = Dimension;
        for (var a = 0; a < d; a++)
        {
            var left = batch.AsSpan(a * HessianBatch, rows);
            for (var c = a; c < d; c++)
            {
                h[(a * d) + c] += Dot(left, batch.AsSpan(c * HessianBatch, rows));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        var k = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var accumulator = Vector<double>.Zero;
            for (; k <= x.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                accumulator += new Vector<double>(x[k..]) * new Vector<double>(y[k..]);
            }

            sum = Vector.Sum(accumulator);
        }

        for (; k < x.Length; k++)
        {
            sum += x[k] * y[k];
        }

        return sum;
    }

    /// <summary>target += scale · source, vectorised.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddScaled(Span<double> target, ReadOnlySpan<double> source, double scale)
    {
        var k = 0;
        if (Vector.IsHardwareAccelerated && target.Length >= Vector<double>.Count)
        {
            var factor = new Vector<double>(scale);
            for (; k <= target.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var t = new Vector<double>(target[k..]);
                (t + (factor * new Vector<double>(source[k..]))).CopyTo(target[k..]);
            }
        }

        for (; k < target.Length; k++)
        {
            target[k] += scale * source[k];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MarginsBlock(int block, double[] parameters, double[] margins)
    {
        var z = _designScratch[block];
        var (start, end) = BlockRange(block);
        for (var i = start; i < end; i++)
        {
            Design.Fill(_data.Row(i), z);
            var m = parameters[0];
            for (var k = 0; k < z.Length; k++)
            {
                m += parameters[k + 1] * z[k];
            }

            margins[i] = m;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void LossBlock(int block, double[] margins, double[] direction, double step)
    {
        var (start, end) = BlockRange(block);
        double sum = 0;
        for (var i = start; i < end; i++)
        {
            var m = margins[i] + (step * direction[i]);
            sum += _weights[i] * (Softplus(m) - (_labels[i] * m));
        }

        _lossPartials[block] = sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GradientBlock(int block, double[] margins, bool withHessian)
    {
        var z = _designScratch[block];
        var g = _gradientPartials[block];
        var h = withHessian ? _hessianPartials[block] : null;
        var batch = withHessian ? _hessianBatches[block] : null;
        var batched = 0;
        Array.Clear(g);
        if (h is not null)
        {
            Array.Clear(h);
        }

        var (start, end) = BlockRange(block);
        for (var i = start; i < end; i++)
        {
            var w = _weights[i];
            if (w == 0)
            {
                continue;
            }

            Design.Fill(_data.Row(i), z);
            var p = Sigmoid(margins[i]);
            var r = w * (p - _labels[i]);
            g[0] += r;
            AddScaled(g.AsSpan(1), z, r);

            if (h is not null)
            {
                var root = Math.Sqrt(w * p * (1 - p));
                batch![batched] = root;
                for (var k = 0; k < z.Length; k++)
                {
                    batch[((k + 1) * HessianBatch) + batched] = root * z[k];
                }

                if (++batched == HessianBatch)
                {
                    FlushHessianBatch(h, batch, batched);
                    batched = 0;
                }
            }
        }

        if (h is not null && batched > 0)
        {
            FlushHessianBatch(h, batch!, batched);
        }
    }

    private (int Start, int End) BlockRange(int block)
    {
        var start = block * _blockRows;
        return (start, Math.Min(_data.Rows, start + _blockRows));
    }

    private void ForEachBlock(Action<int> body)
    {
        if (_parallel.MaxDegreeOfParallelism == 1 || _blocks == 1)
        {
            for (var b = 0; b < _blocks; b++)
            {
                body(b);
            }

            return;
        }

        Parallel.For(0, _blocks, _parallel, body);
    }
}
