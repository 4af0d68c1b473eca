using Burnout.Trainer.Tracking.Mlflow;

namespace Burnout.Trainer.Tests.Tracking;

public sealed class MlflowArtifactAndRegistryTests : MlflowServerTest
{
    [Fact]
    public async Task An_artifact_round_trips_byte_for_byte_under_the_runs_proxied_path()
    {
        var run = await StartRunAsync();
        var bytes = new byte[300_000];
        new Random(7).NextBytes(bytes);

        await Client.UploadArtifactAsync(run.Info.ArtifactUri!, "model/burnout model.json", new MemoryStream(bytes));
        var downloaded = await Client.DownloadArtifactAsync(run.Info.ArtifactUri!, "model/burnout model.json");

        Assert.Equal($"mlflow-artifacts:/{run.Info.ExperimentId}/{run.Info.RunId}/artifacts", run.Info.ArtifactUri);
        var stored = Assert.Single(Server.State.Artifacts);
        Assert.Equal($"{run.Info.ExperimentId}/{run.Info.RunId}/artifacts/model/burnout model.json", stored.Key);
        Assert.Equal(bytes, stored.Value);
        Assert.Equal(bytes, downloaded);
        Assert.Contains(Server.Received, r => r.Method == "PUT" && r.Path == $"/api/2.0/mlflow-artifacts/artifacts/{run.Info.ExperimentId}/{run.Info.RunId}/artifacts/model/burnout model.json");
    }

    [Theory]
    [InlineData("../other-run/model.json")]
    [InlineData("/etc/passwd")]
    [InlineData("model//model.json")]
    public async Task An_artifact_path_that_leaves_the_run_is_refused_before_sending(string path)
    {
        var run = await StartRunAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Client.UploadArtifactAsync(run.Info.ArtifactUri!, path, new MemoryStream([1])));

        Assert.DoesNotContain(Server.Received, r => r.Method == "PUT");
    }

    [Fact]
    public async Task A_registered_model_gets_versions_and_an_alias_that_moves_and_is_deleted()
    {
        var run = await StartRunAsync();
        var source = $"{run.Info.ArtifactUri}/model";

        await Client.CreateRegisteredModelAsync("burnout-risk");
        var again = await Client.CreateRegisteredModelAsync("burnout-risk");
        var first = await Client.CreateModelVersionAsync("burnout-risk", source, run.Info.RunId);
        var second = await Client.CreateModelVersionAsync("burnout-risk", source, run.Info.RunId);
        await Client.SetRegisteredModelAliasAsync("burnout-risk", "champion", first.Version);
        var before = await Client.GetRegisteredModelAsync("burnout-risk");
        await Client.SetRegisteredModelAliasAsync("burnout-risk", "champion", second.Version);
        var moved = await Client.GetRegisteredModelAsync("burnout-risk");
        var latest = await Client.GetLatestVersionsAsync("burnout-risk");
        await Client.DeleteRegisteredModelAliasAsync("burnout-risk", "champion");
        var after = await Client.GetRegisteredModelAsync("burnout-risk");

        Assert.Equal("burnout-risk", again.Name);
        Assert.Equal(("1", "2"), (first.Version, second.Version));
        Assert.Equal(run.Info.RunId, first.RunId);
        Assert.Equal(source, first.Source);
        Assert.Equal(new MlflowModelAlias("champion", "1"), Assert.Single(before!.Aliases!));
        Assert.Equal(new MlflowModelAlias("champion", "2"), Assert.Single(moved!.Aliases!));
        Assert.Equal("2", Assert.Single(latest).Version);
        Assert.Empty(after!.Aliases!);
        Assert.Single(Server.State.RegisteredModels);
        Assert.Null(await Client.GetRegisteredModelAsync("no-such-model"));
    }

    [Fact]
    public async Task An_alias_to_a_version_that_does_not_exist_is_MLflows_permanent_not_found()
    {
        await Client.CreateRegisteredModelAsync("burnout-risk");

        var error = await Assert.ThrowsAsync<MlflowException>(() => Client.SetRegisteredModelAliasAsync("burnout-risk", "champion", "9"));

        Assert.Equal(MlflowErrorCodes.ResourceDoesNotExist, error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.StatusCode);
        Assert.False(error.IsTransient);
    }
}
