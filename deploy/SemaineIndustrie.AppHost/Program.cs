using System.Diagnostics;

// The platform under Aspire, without Docker: PostgreSQL, RabbitMQ and smtp4dev come from deploy/infra.sh
// (installed if missing, started once, kept between runs like deploy/run.sh does), the identity service,
// the four services, the notification service, the web front-end and the gateway are project resources, and the dashboard receives
// their traces, metrics and logs.
var builder = DistributedApplication.CreateBuilder(args);
var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", ".."));
var infra = Infrastructure.Up(root);
var clockStart = Environment.GetEnvironmentVariable("SI_CLOCK_START") ?? "2018-02-15T10:00:00+01:00";

var smtp = infra["SI_SMTP"].Split(':');
var identity = builder.AddProject<Projects.SemaineIndustrie_Identity>("identity")
    .WithEnvironment("ConnectionStrings__Postgres", $"{infra["SI_POSTGRES"]};Database=si_identity")
    .WithEnvironment("ConnectionStrings__RabbitMq", infra["SI_RABBITMQ"]) // it announces people (PersonChanged)
    .WithEnvironment("Identity__Keys__DevelopmentFolder", Path.Combine(root, ".local", "identity-keys"))
    .WithEnvironment("Mail__Host", smtp[0]).WithEnvironment("Mail__Port", smtp[1]).WithEnvironment("Mail__Security", "None")
    .WithHttpHealthCheck("/health/ready");
identity.WithEnvironment("Identity__Issuer", identity.GetEndpoint("http")); // the one signing authority every API validates against

IResourceBuilder<ProjectResource> Service<TProject>(string name, string database) where TProject : IProjectMetadata, new() =>
    builder.AddProject<TProject>(name)
        .WithEnvironment("ConnectionStrings__Postgres", $"{infra["SI_POSTGRES"]};Database=si_{database}")
        .WithEnvironment("ConnectionStrings__RabbitMq", infra["SI_RABBITMQ"])
        .WithEnvironment("Clock__Start", clockStart)
        .WithEnvironment("Auth__Authority", identity.GetEndpoint("http"))
        .WithHttpHealthCheck("/health/ready")
        .WaitFor(identity);

var publication = Service<Projects.SemaineIndustrie_Publication>("publication", "publication");
var review = Service<Projects.SemaineIndustrie_LabellingReview>("labelling-review", "review");
var geocoding = Service<Projects.SemaineIndustrie_Geocoding>("geocoding", "geocoding");
var notification = Service<Projects.SemaineIndustrie_Notification>("notification", "notification")
    .WithEnvironment("Mail__Host", smtp[0]).WithEnvironment("Mail__Port", smtp[1]).WithEnvironment("Mail__Security", "None");
var submission = Service<Projects.SemaineIndustrie_Submission>("submission", "submission")
    .WaitFor(publication).WaitFor(review).WaitFor(geocoding).WaitFor(notification); // consumers bound before anything publishes

var web = builder.AddProject<Projects.SemaineIndustrie_Web>("web").WithHttpHealthCheck("/health/ready");

var gateway = builder.AddProject<Projects.SemaineIndustrie_Gateway>("gateway")
    .WithEnvironment("ReverseProxy__Clusters__web__Destinations__primary__Address", web.GetEndpoint("http"))
    .WithEnvironment("ReverseProxy__Clusters__submission__Destinations__primary__Address", submission.GetEndpoint("http"))
    .WithEnvironment("ReverseProxy__Clusters__review__Destinations__primary__Address", review.GetEndpoint("http"))
    .WithEnvironment("ReverseProxy__Clusters__geocoding__Destinations__primary__Address", geocoding.GetEndpoint("http"))
    .WithEnvironment("ReverseProxy__Clusters__publication__Destinations__primary__Address", publication.GetEndpoint("http"))
    .WithEnvironment("ReverseProxy__Clusters__identity__Destinations__primary__Address", identity.GetEndpoint("http"))
    .WithEnvironment("ReverseProxy__Clusters__notification__Destinations__primary__Address", notification.GetEndpoint("http"))
    .WithEnvironment("Auth__Authority", identity.GetEndpoint("http"))
    .WithHttpHealthCheck("/health/ready")
    .WaitFor(submission);
web.WithEnvironment("Web__ApiBaseUrl", gateway.GetEndpoint("http")); // the pages read the APIs through the gateway
identity.WithEnvironment("Identity__PublicBaseUrl", gateway.GetEndpoint("http")); // mailed links go through the gateway
notification.WithEnvironment("Notification__PublicBaseUrl", gateway.GetEndpoint("http"));

builder.Build().Run();

internal static class Infrastructure
{
    /// <summary>Runs deploy/infra.sh up and returns the settings it wrote (.local/infra.env).</summary>
    public static Dictionary<string, string> Up(string root)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root, "deploy", "infra.sh"), "up"]) { WorkingDirectory = root })!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException("deploy/infra.sh up failed; see its output above");
        return File.ReadAllLines(Path.Combine(root, ".local", "infra.env"))
            .Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1].Trim('\''));
    }
}
