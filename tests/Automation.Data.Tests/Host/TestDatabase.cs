using Automation.Data;

namespace Automation.Data.Tests.Host;

/// <summary>The SQLite databases a test class created, deleted together when the class is disposed.</summary>
internal sealed class TestDatabases : IDisposable
{
    private readonly List<TestDatabase> databases = [];

    /// <summary>A fresh, empty database.</summary>
    public DatabaseOptions New()
    {
        var db = new TestDatabase();
        lock (databases) databases.Add(db);
        return db.Options;
    }

    public void Dispose()
    {
        foreach (var db in databases) db.Dispose();
    }
}

/// <summary>A fresh SQLite database file per test, deleted afterwards.</summary>
internal sealed class TestDatabase : IDisposable
{
    public TestDatabase()
    {
        Directory = Path.Combine(Path.GetTempPath(), "automation-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Options = DatabaseOptions.SqliteFile(Path.Combine(Directory, "automation.db"));
    }

    public string Directory { get; }

    public DatabaseOptions Options { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A scheduler thread may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }

    public const string TimerAndTask = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:am="urn:automation:bpmn:1" id="d" targetNamespace="urn:t">
          <bpmn:process id="frist" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:serviceTask id="erfassen"><bpmn:extensionElements><am:action name="noop" /></bpmn:extensionElements></bpmn:serviceTask>
            <bpmn:intermediateCatchEvent id="warten"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
            <bpmn:userTask id="pruefen" name="Antrag prüfen"><bpmn:extensionElements><am:role name="sachbearbeitung" /></bpmn:extensionElements></bpmn:userTask>
            <bpmn:endEvent id="end" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="erfassen" />
            <bpmn:sequenceFlow id="f2" sourceRef="erfassen" targetRef="warten" />
            <bpmn:sequenceFlow id="f3" sourceRef="warten" targetRef="pruefen" />
            <bpmn:sequenceFlow id="f4" sourceRef="pruefen" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}
