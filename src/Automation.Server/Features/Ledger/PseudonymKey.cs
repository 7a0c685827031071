using System.Security.Cryptography;

namespace Automation.Server.Features.Ledger;

/// <summary>
/// The server's secret for the ledger's worker pseudonyms: 32 random bytes in <c>ledger-pseudonym.key</c> beside
/// the data-protection keys (a folder all nodes share, docs/operator-guide.md), created on first start.
/// </summary>
internal static class PseudonymKey
{
    public const string FileName = "ledger-pseudonym.key";

    public static byte[] LoadOrCreate(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        if (File.Exists(path)) return Read(path);
        var key = RandomNumberGenerator.GetBytes(32);
        try
        {
            using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            stream.Write(key);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another node created it first.
            return Read(path);
        }
    }

    private static byte[] Read(string path)
    {
        var key = File.ReadAllBytes(path);
        return key.Length >= 32 ? key : throw new InvalidOperationException($"{path} holds {key.Length} bytes; the ledger pseudonym key needs 32.");
    }
}
