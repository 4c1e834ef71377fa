using System.Text.Json;
using System.Text.Json.Serialization;

namespace SemaineIndustrie.ServiceDefaults.Web;

/// <summary>A JSON string the platform does not accept (see <see cref="TextRules"/>): answered 422 naming the field.</summary>
public sealed class UnacceptableTextException(string reason) : JsonException(reason);

/// <summary>
/// Reads every string of every request body through <see cref="TextRules"/>, so that no field — today's or
/// tomorrow's — can carry a NUL or a lone surrogate into PostgreSQL. Line breaks and tabs pass here; the
/// validators of single-line fields refuse them with their own message. Dictionary keys follow the same rules
/// both ways (a problem's <c>errors</c> are written as plain property names).
/// </summary>
public sealed class AcceptableTextConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"Expected a string, found {reader.TokenType}.");
        return Acceptable(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Acceptable(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string Acceptable(ref Utf8JsonReader reader)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new UnacceptableTextException(TextRules.MultiLineRule); // an escaped lone surrogate
        }
        return TextRules.IsAcceptable(text) ? text : throw new UnacceptableTextException(TextRules.MultiLineRule);
    }
}
