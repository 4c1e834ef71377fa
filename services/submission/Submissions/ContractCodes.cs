namespace SemaineIndustrie.Submission.Submissions;

/// <summary>How an enum value is written in the APIs and the contracts: its camelCase name.</summary>
public static class ContractCodes
{
    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
