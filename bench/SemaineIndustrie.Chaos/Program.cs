using SemaineIndustrie.Chaos;

// bench/SemaineIndustrie.Chaos link 56735=56731 …   the broker link of deploy/cluster.sh
// bench/SemaineIndustrie.Chaos run --…              the fault suite (bench/chaos/run.sh)
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
switch (args.FirstOrDefault())
{
    case "link":
        await BrokerLink.RunAsync(args.Skip(1).ToList(), stop.Token);
        return 0;
    default:
        Console.Error.WriteLine("usage: SemaineIndustrie.Chaos link LISTEN=TARGET… | run --options");
        return 2;
}
