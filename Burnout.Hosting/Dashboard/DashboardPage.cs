using System.Net;
using System.Text;
using Burnout.Hosting.Orchestration;

namespace Burnout.Hosting.Dashboard;

/// <summary>
/// The dashboard page. The table is rendered on the server, so the page is useful without script; a
/// little vanilla JS then refreshes it from /api/resources and streams the selected resource's console.
/// </summary>
internal static class DashboardPage
{
    public static string Render(IReadOnlyList<ResourceSnapshot> resources)
    {
        var rows = new StringBuilder();
        foreach (var resource in resources)
        {
            rows.Append(Row(resource));
        }
        return Template.Replace("{{rows}}", rows.ToString(), StringComparison.Ordinal);
    }

    private static string Row(ResourceSnapshot r)
    {
        static string E(string? text) => WebUtility.HtmlEncode(text ?? "");
        var endpoints = string.Join(" ", r.Endpoints.Select(e =>
            e.Url.StartsWith("http", StringComparison.Ordinal)
                ? $"<a href=\"{E(e.Url)}\" target=\"_blank\">{E(e.Url)}</a>"
                : $"<code>{E(e.Url)}</code>"));
        var uptime = r.UptimeSeconds is { } seconds ? TimeSpan.FromSeconds(Math.Floor(seconds)).ToString("c") : "";
        return $"""
            <tr data-name="{E(r.Name)}">
              <td><a href="#" class="logs" data-name="{E(r.Name)}">{E(r.Name)}</a>{(r.Parent is null ? "" : $" <small>({E(r.Parent)})</small>")}</td>
              <td>{E(r.Kind)}</td>
              <td class="state {E(r.State.ToString())}">{E(r.State.ToString())}</td>
              <td class="health {E(r.Health.ToString())}">{E(r.Health.ToString())}</td>
              <td>{r.ProcessId}</td>
              <td>{endpoints}</td>
              <td>{r.Restarts}</td>
              <td>{uptime}</td>
              <td>{r.Telemetry.Spans} / {r.Telemetry.MetricPoints} / {r.Telemetry.LogRecords}</td>
              <td class="actions">
                <button data-action="start" data-name="{E(r.Name)}">start</button>
                <button data-action="stop" data-name="{E(r.Name)}">stop</button>
                <button data-action="restart" data-name="{E(r.Name)}">restart</button>
              </td>
              <td class="message">{E(r.Message)}</td>
            </tr>
            """;
    }

    private const string Template = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <title>Burnout · AppHost dashboard</title>
        <style>
          body { font: 14px system-ui, sans-serif; margin: 1.5rem; color: #222; }
          table { border-collapse: collapse; width: 100%; }
          th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
          th { background: #f4f4f4; }
          .Running { color: #137333; } .Healthy { color: #137333; font-weight: 600; }
          .Unhealthy, .Restarting { color: #b3261e; font-weight: 600; }
          .Waiting, .Starting, .Stopping { color: #8a6d00; } .Stopped, .Unavailable, .Unknown { color: #777; }
          .message { color: #555; max-width: 32rem; }
          #log { background: #111; color: #ddd; font: 12px ui-monospace, monospace; height: 24rem; overflow: auto;
                 padding: .5rem; white-space: pre-wrap; margin-top: .5rem; }
          #log .err { color: #ff8a80; }
          button { font-size: 12px; }
        </style>
        </head>
        <body>
        <h1>Burnout AppHost</h1>
        <table>
          <thead><tr><th>Resource</th><th>Kind</th><th>State</th><th>Health</th><th>PID</th><th>Endpoints</th>
          <th>Restarts</th><th>Uptime</th><th>Spans / metric points / logs</th><th>Actions</th><th></th></tr></thead>
          <tbody id="resources">{{rows}}</tbody>
        </table>
        <h2 id="log-title">Console: pick a resource</h2>
        <div id="log"></div>
        <script>
        (() => {
          const tbody = document.getElementById('resources');
          const log = document.getElementById('log');
          const title = document.getElementById('log-title');
          let source = null;

          const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
          const uptime = s => {
            if (s == null) return '';
            s = Math.floor(s);
            const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), x = s % 60;
            return (d ? d + '.' : '') + [h, m, x].map(n => String(n).padStart(2, '0')).join(':');
          };
          const row = r => `<tr data-name="${esc(r.name)}">
            <td><a href="#" class="logs" data-name="${esc(r.name)}">${esc(r.name)}</a>${r.parent ? ` <small>(${esc(r.parent)})</small>` : ''}</td>
            <td>${esc(r.kind)}</td><td class="state ${esc(r.state)}">${esc(r.state)}</td>
            <td class="health ${esc(r.health)}">${esc(r.health)}</td><td>${r.processId ?? ''}</td>
            <td>${r.endpoints.map(e => e.url.startsWith('http') ? `<a href="${esc(e.url)}" target="_blank">${esc(e.url)}</a>` : `<code>${esc(e.url)}</code>`).join(' ')}</td>
            <td>${r.restarts}</td><td>${uptime(r.uptimeSeconds)}</td>
            <td>${r.telemetry.spans} / ${r.telemetry.metricPoints} / ${r.telemetry.logRecords}</td>
            <td class="actions">${['start', 'stop', 'restart'].map(a => `<button data-action="${a}" data-name="${esc(r.name)}">${a}</button>`).join(' ')}</td>
            <td class="message">${esc(r.message)}</td></tr>`;

          async function refresh() {
            try {
              const response = await fetch('/api/resources');
              if (response.ok) tbody.innerHTML = (await response.json()).map(row).join('');
            } catch { /* the AppHost is restarting or gone; try again */ }
          }

          function showLogs(name) {
            if (source) source.close();
            log.textContent = '';
            title.textContent = 'Console: ' + name;
            source = new EventSource(`/api/resources/${encodeURIComponent(name)}/logs/stream`);
            source.onmessage = e => {
              const line = JSON.parse(e.data);
              const stick = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
              const div = document.createElement('div');
              if (line.isError) div.className = 'err';
              div.textContent = line.text;
              log.appendChild(div);
              while (log.childNodes.length > 5000) log.removeChild(log.firstChild);
              if (stick) log.scrollTop = log.scrollHeight;
            };
          }

          tbody.addEventListener('click', async e => {
            const target = e.target;
            if (target.matches('a.logs')) { e.preventDefault(); showLogs(target.dataset.name); }
            if (target.matches('button[data-action]')) {
              target.disabled = true;
              await fetch(`/api/resources/${encodeURIComponent(target.dataset.name)}/${target.dataset.action}`, { method: 'POST' });
              refresh();
            }
          });
          setInterval(refresh, 2000);
        })();
        </script>
        </body>
        </html>
        """;
}
