namespace Automation.Cli;

/// <summary>Entry point of the <c>automation</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line and returns the exit code.</summary>
    public static int Main(string[] args) => CommandLine.Run(args, Console.Out, Console.Error);
}
