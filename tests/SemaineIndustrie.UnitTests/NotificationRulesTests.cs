using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SemaineIndustrie.Notification;
using SemaineIndustrie.Notification.Deliveries;
using SemaineIndustrie.Notification.Unsubscribe;
using Xunit;

namespace SemaineIndustrie.UnitTests;

public sealed class NotificationRulesTests
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "notification";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static readonly MailTemplates Templates = new(new Environment("Development"));

    private static Dictionary<string, object?> Model(string title, string? message = null) => new()
    {
        ["title"] = title, ["version"] = 2, ["commune"] = "Auch", ["day"] = "27/03/2018", ["message"] = message, ["name"] = "Camille",
        ["demand_url"] = "https://example.test/mon-espace/demandes/1", ["revise_url"] = "https://example.test/mon-espace/demandes/1/modifier",
        ["event_url"] = "https://example.test/evenements/1", ["unsubscribe_url"] = "https://example.test/notifications/desabonnement?r=u&k=refused&t=x",
        ["kit"] = new List<Dictionary<string, object?>> { new() { ["title"] = "Logo", ["url"] = "https://example.test/logo.zip" } },
    };

    [Fact]
    public void Every_kind_renders_in_both_languages_with_a_subject_a_text_and_an_html_part()
    {
        foreach (var kind in Kinds.Organisers.Except([Kinds.Reminder])) // one demand's news (the reminder lists several: below)
        foreach (var language in MailTemplates.Languages)
        {
            var mail = Templates.Render(kind, language, Model("Visite", "Précisez l'horaire."));
            Assert.False(string.IsNullOrWhiteSpace(mail.Subject), $"{kind}.{language}");
            Assert.Contains("Visite", mail.Subject);
            Assert.Contains("https://example.test/notifications/desabonnement", mail.Text);
            Assert.Contains("<a href=\"https://example.test/notifications/desabonnement", mail.Html);
        }
    }

    [Fact]
    public void The_reminder_names_the_edition_and_its_closing_and_lists_drafts_and_demands_with_their_titles_escaped_in_html()
    {
        static Dictionary<string, object?> Item(string? title, string url) => new() { ["title"] = title, ["url"] = url };
        foreach (var language in MailTemplates.Languages)
        {
            var mail = Templates.Render(Kinds.Reminder, language, new Dictionary<string, object?>
            {
                ["name"] = "Camille", ["edition"] = 2019, ["closes"] = "12/03/2019 23:59", ["closes_en"] = "2019-03-12 23:59",
                ["drafts"] = new List<Dictionary<string, object?>> { Item("<b>Visite</b>", "https://example.test/mon-espace/demandes/nouvelle?brouillon=1"), Item(null, "https://example.test/b2") },
                ["changes"] = new List<Dictionary<string, object?>> { Item("Atelier", "https://example.test/mon-espace/demandes/2/modifier") },
                ["demands_url"] = "https://example.test/mon-espace/demandes",
                ["unsubscribe_url"] = "https://example.test/notifications/desabonnement?r=u&k=submission-reminder&t=x",
            });
            Assert.Contains("2019", mail.Subject);
            Assert.Contains("2019", mail.Text);
            Assert.Contains("<b>Visite</b>", mail.Text);
            Assert.Contains("&lt;b&gt;Visite&lt;/b&gt;", mail.Html);
            Assert.Contains(language == "en" ? "(untitled)" : "(sans titre)", mail.Text);
            Assert.Contains("https://example.test/mon-espace/demandes/2/modifier", mail.Html);
            Assert.Contains("https://example.test/notifications/desabonnement", mail.Text);
        }
    }

    [Fact]
    public void Text_from_users_is_escaped_in_the_html_part_kept_in_the_text_part_and_cannot_break_the_subject_line()
    {
        var mail = Templates.Render(Kinds.Refused, "fr", Model("<script>alert(1)</script> &\r\nBcc: x@evil.test", "<img src=x onerror=alert(1)>"));
        Assert.DoesNotContain("<script>", mail.Html);
        Assert.DoesNotContain("<img", mail.Html);
        Assert.Contains("&lt;script&gt;", mail.Html);
        Assert.Contains("<script>alert(1)</script>", mail.Text);
        Assert.DoesNotContain('\n', mail.Subject);
        Assert.DoesNotContain('\r', mail.Subject);
        Assert.Contains("é", mail.Html); // accents stay characters in the UTF-8 HTML part
    }

    [Fact]
    public void The_committee_digest_lists_overdue_due_and_new_cases_and_says_how_many_in_its_subject()
    {
        Dictionary<string, object?> Case(string title) => new() { ["title"] = title, ["commune"] = "Mende", ["departement"] = "48", ["due"] = "20/02/2018", ["url"] = "https://example.test/mon-espace/dossiers/1" };
        var model = new Dictionary<string, object?>
        {
            ["name"] = "Camille", ["day"] = "26/02/2018", ["queue_url"] = "https://example.test/mon-espace/dossiers", ["unsubscribe_url"] = "https://example.test/u",
            ["overdue"] = new List<Dictionary<string, object?>> { Case("Visite <en retard>") }, ["soon"] = new List<Dictionary<string, object?>>(),
            ["arrived"] = new List<Dictionary<string, object?>> { Case("Atelier"), Case("Forum") },
        };
        var french = Templates.Render(Kinds.CommitteeDigest, "fr", model);
        Assert.Equal("Résumé du comité — 26/02/2018 : 2 nouveau(x), 1 en retard, 0 à échéance", french.Subject);
        Assert.Contains("En retard (1) :\n- Visite <en retard> (Mende, 48) — échéance 20/02/2018", french.Text);
        Assert.DoesNotContain("À décider", french.Text);
        Assert.Contains("Visite &lt;en retard&gt;", french.Html);
        Assert.StartsWith("Committee digest — 26/02/2018: 2 new, 1 overdue", Templates.Render(Kinds.CommitteeDigest, "en", model).Subject);
    }

    [Theory]
    [InlineData("2018-02-15T07:59:00+01:00", "2018-02-14T08:00:00+01:00")] // before today's hour: yesterday's digest
    [InlineData("2018-02-15T08:00:00+01:00", "2018-02-15T08:00:00+01:00")]
    [InlineData("2018-03-25T12:00:00+02:00", "2018-03-25T08:00:00+02:00")] // the day summer time starts
    [InlineData("2018-03-26T06:30:00+00:00", "2018-03-26T08:00:00+02:00")] // 08:30 in Paris
    public void The_digest_period_is_the_latest_configured_hour_in_Paris(string now, string period) =>
        Assert.Equal(DateTimeOffset.Parse(period, System.Globalization.CultureInfo.InvariantCulture),
            SemaineIndustrie.Notification.Committees.CommitteeDigests.LatestPeriod(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), 8));

    [Fact]
    public void A_paused_webhook_tells_its_contact_which_address_failed_and_how_often()
    {
        var mail = Templates.Render(Kinds.WebhookPaused, "fr", new Dictionary<string, object?>
        {
            ["url"] = "https://partner.example/hook?a=1&b=<2>", ["failures"] = 10, ["subscription"] = "s-1", ["unsubscribe_url"] = "https://example.test/u",
        });
        Assert.Equal("Abonnement webhook suspendu : https://partner.example/hook?a=1&b=<2>", mail.Subject);
        Assert.Contains("a échoué 10 fois de suite", mail.Text);
        Assert.Contains("hook?a=1&amp;b=&lt;2&gt;", mail.Html);
    }

    [Fact]
    public void A_language_without_templates_falls_back_to_french()
    {
        Assert.StartsWith("Label accordé", Templates.Render(Kinds.Labelled, "de", Model("Visite")).Subject);
        Assert.StartsWith("Label granted", Templates.Render(Kinds.Labelled, "en", Model("Visite")).Subject);
    }

    [Fact]
    public void An_unsubscribe_link_is_valid_for_its_person_and_kind_only_and_a_key_is_required_outside_development()
    {
        var options = Options.Create(new NotificationOptions { PublicBaseUrl = new Uri("https://example.test/"), UnsubscribeKey = "a-key-of-at-least-thirty-two-characters!" });
        var links = new UnsubscribeLinks(options, new Environment("Production"));
        var link = new Uri(links.Link("user-1", Kinds.Refused));
        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        Assert.True(links.IsValid(query["r"], query["k"], query["t"]));
        Assert.False(links.IsValid("user-2", query["k"], query["t"]));
        Assert.False(links.IsValid(query["r"], Kinds.Labelled, query["t"]));
        Assert.False(links.IsValid(query["r"], query["k"], query["t"] + "x"));
        Assert.Throws<InvalidOperationException>(() => new UnsubscribeLinks(
            Options.Create(new NotificationOptions { PublicBaseUrl = new Uri("https://example.test/") }), new Environment("Production")));
    }
}
