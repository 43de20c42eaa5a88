package dev.minicloud.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientCommandTest {

  @TempDir
  Path dir;

  @Test
  void atFileReadsTheFileAndOtherTextIsItself() throws Exception {
    Path boot = dir.resolve("boot.sh");
    Files.writeString(boot, "echo hi\n");
    assertEquals("echo hi\n", ClientCommand.textOrFile("@" + boot));
    assertEquals("echo hi", ClientCommand.textOrFile("echo hi"));
    assertThrows(UsageException.class, () -> ClientCommand.textOrFile("@" + dir.resolve("missing")));
  }

  @Test
  void pairsKeepOrderAndRejectMissingEquals() {
    assertEquals(Map.of("Name", "web", "env", "a=b"), ClientCommand.pairs(List.of("Name=web", "env=a=b"), "--tag"));
    assertThrows(UsageException.class, () -> ClientCommand.pairs(List.of("Name"), "--tag"));
    assertThrows(UsageException.class, () -> ClientCommand.pairs(List.of("=x"), "--tag"));
  }

  @Test
  void atArgumentsReachTheCommandUnexpanded() {
    assertEquals(false, MiniCloudCommand.commandLine().isExpandAtFiles());
  }
}
