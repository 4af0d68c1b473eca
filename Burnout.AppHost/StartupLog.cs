using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Burnout.AppHost;

/// <summary>Choices made while the model is built, said in the AppHost's log once logging exists.</summary>
internal static class StartupLog
{
    public static void LogAtStart(this IDistributedApplicationBuilder builder, string message) =>
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Burnout.AppHost").LogInformation("{Choice}", message);
            return Task.CompletedTask;
        });
}
