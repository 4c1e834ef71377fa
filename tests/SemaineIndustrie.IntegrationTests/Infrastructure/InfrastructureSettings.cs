namespace SemaineIndustrie.IntegrationTests.Infrastructure;

/// <summary>
/// Where the real servers are: SI_POSTGRES, SI_RABBITMQ, SI_RABBITMQ_MANAGEMENT, SI_SMTP (host:port) and
/// SI_SMTP_WEB (smtp4dev's API) from the environment, else the .local/infra.env that deploy/infra.sh
/// writes. Missing servers fail the run loudly.
/// </summary>
public sealed record InfrastructureSettings(string Postgres, Uri RabbitMq, Uri RabbitManagement, string SmtpHost, int SmtpPort, Uri SmtpWeb)
{
    private static readonly Lazy<InfrastructureSettings> Current = new(Load);

    public static InfrastructureSettings Instance => Current.Value;

    private static InfrastructureSettings Load()
    {
        var values = new Dictionary<string, string>();
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, ".local", "infra.env");
            if (!File.Exists(file)) continue;
            foreach (var line in File.ReadAllLines(file))
            {
                var eq = line.IndexOf('=');
                if (eq > 0) values[line[..eq].Trim()] = line[(eq + 1)..].Trim().Trim('\'');
            }
            break;
        }

        string Get(string key) =>
            Environment.GetEnvironmentVariable(key) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : values.TryGetValue(key, out var fromFile) && fromFile.Length > 0 ? fromFile
            : throw new InvalidOperationException(
                $"{key} is not set and no .local/infra.env was found: start the real servers with `deploy/infra.sh up` " +
                "(the README test command does it), or set SI_POSTGRES, SI_RABBITMQ, SI_RABBITMQ_MANAGEMENT, SI_SMTP and SI_SMTP_WEB.");

        var smtp = Get("SI_SMTP").Split(':');
        return new InfrastructureSettings(Get("SI_POSTGRES"), new Uri(Get("SI_RABBITMQ")), new Uri(Get("SI_RABBITMQ_MANAGEMENT")),
            smtp[0], int.Parse(smtp[1], System.Globalization.CultureInfo.InvariantCulture), new Uri(Get("SI_SMTP_WEB")));
    }
}
