using System.Text;

namespace SemaineIndustrie.Publication.Catalogue;

/// <summary>
/// A 200 response written row by row from a database query, never held whole in memory. The query runs
/// and its first row is read before anything is written, so a failing query is an ordinary 500 problem,
/// never a 200 with a truncated body. A failure after the first bytes aborts the connection: the client
/// sees an incomplete chunked response (a detectable error), not a short document that looks complete.
/// </summary>
public sealed partial class StreamedBody<T>(
    string contentType, IAsyncEnumerable<T> rows, string header, Func<T, int, string> item, string separator, Func<int, string> footer) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        await using var cursor = rows.GetAsyncEnumerator(ct);
        var more = await cursor.MoveNextAsync();

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = contentType;
        var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 32 * 1024, leaveOpen: true);
        await using (writer)
        {
            try
            {
                await writer.WriteAsync(header);
                var count = 0;
                while (more)
                {
                    if (count > 0) await writer.WriteAsync(separator);
                    await writer.WriteAsync(item(cursor.Current, count++));
                    more = await cursor.MoveNextAsync();
                }
                await writer.WriteAsync(footer(count));
                await writer.FlushAsync(ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogAborted(http.RequestServices.GetRequiredService<ILogger<StreamedBody<T>>>(), ex, http.Request.Path);
                http.Abort();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Streaming {Path} failed after the response started; connection aborted")]
    private static partial void LogAborted(ILogger logger, Exception exception, string path);
}
