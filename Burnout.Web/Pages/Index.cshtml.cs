using Burnout.Web.Services;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Burnout.Web.Pages;

public sealed class IndexModel(BackendHealthClient healthClient) : PageModel
{
    public IReadOnlyList<BackendHealth> Backends { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Backends = await Task.WhenAll(BackendHealthClient.Services.Select(s => healthClient.CheckAsync(s, cancellationToken)));
    }
}
