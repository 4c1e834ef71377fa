using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace SemaineIndustrie.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>Activity sources and meters we listen to: ours, MassTransit's, Npgsql's, YARP's.</summary>
    public static readonly string[] Sources = ["SemaineIndustrie.*", "MassTransit", "Npgsql", "Yarp.ReverseProxy"];

    /// <summary>
    /// Metrics always (cheap until someone listens). Traces and logs go through OpenTelemetry when there is
    /// somewhere to send them (OTEL_EXPORTER_OTLP_ENDPOINT): building spans for no exporter costs CPU on
    /// every message (measured in bench/README.md). Telemetry:TraceSampleRatio (default 1.0) samples new
    /// traces; a sampled parent is always followed, so a trace stays whole across services.
    /// </summary>
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(Sources));

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            var ratio = builder.Configuration.GetValue("Telemetry:TraceSampleRatio", 1.0);
            builder.Logging.AddOpenTelemetry(logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });
            otel.WithTracing(tracing => tracing
                    .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)))
                    .AddAspNetCoreInstrumentation(o => o.Filter = IsNotHealthProbe)
                    .AddHttpClientInstrumentation()
                    .AddSource(Sources))
                .UseOtlpExporter();
        }

        return builder;
    }

    private static bool IsNotHealthProbe(HttpContext context) => !context.Request.Path.StartsWithSegments("/health");
}
