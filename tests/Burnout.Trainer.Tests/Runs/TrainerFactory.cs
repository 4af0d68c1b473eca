using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Burnout.Trainer.Tests.Runs;

/// <summary>The real trainer, in memory, on its own database; first-start seeding and the schedule are off so that tests decide what runs.</summary>
public sealed class TrainerFactory(string connectionString, Uri? mlflow = null) : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-training-key";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:burnoutdb", connectionString);
        builder.UseSetting("Training:ApiKeys:0", ApiKey);
        builder.UseSetting("Training:FirstStart:Enabled", "false");
        builder.UseSetting("Training:RetrainEvery", "00:00:00");
        builder.UseSetting("Training:Pipeline:SearchCandidates", "2");
        if (mlflow is not null)
        {
            builder.UseSetting("MLFLOW_TRACKING_URI", mlflow.ToString());
        }
        builder.UseEnvironment("Testing");
    }

    public HttpClient CreateWriteClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }
}
