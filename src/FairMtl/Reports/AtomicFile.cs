using System.Text;

namespace FairMtl.Reports;

/// <summary>Writes a file so that readers see either the old content or the whole new content, never a part.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content)
    {
        var temporary = path + ".tmp-" + Environment.ProcessId;
        try
        {
            File.WriteAllText(temporary, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
