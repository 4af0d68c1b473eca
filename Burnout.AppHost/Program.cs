Console.WriteLine("Burnout.AppHost");
