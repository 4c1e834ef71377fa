namespace SemaineIndustrie.Messaging.Database;

/// <summary>
/// The trigger function behind a <see cref="PostgresListener"/>: it NOTIFYs a channel, which PostgreSQL delivers at
/// commit, drops on rollback and folds when repeated within a transaction. Triggers that call it say what wakes whom.
/// </summary>
public static class NotifyFunction
{
    public static string Create(string function, string channel) => $"""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('{channel}', '');
          RETURN NULL;
        END $$;

        """;
}
