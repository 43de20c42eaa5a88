package dev.minicloud.storagenode;

import dev.minicloud.common.cluster.ClusterToken;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture: {@code main} of a storage node in its own JVM (so a test can bound its heap).
 * Arguments: data directory, cluster token file. Prints {@value #READY} and the endpoint once
 * listening; stops when its standard input ends.
 */
public final class ForkedStorageNode {

  static final String READY = "FORKED-NODE-LISTENING ";

  private ForkedStorageNode() {}

  public static void main(String[] args) throws Exception {
    StorageNode node = new StorageNode(new StorageNodeOptions()
        .setDataDir(Path.of(args[0]))
        .setClusterToken(ClusterToken.load(Path.of(args[1]))));
    node.start().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    System.out.println(READY + node.endpoint());
    System.out.flush();
    while (System.in.read() != -1) {
      // the parent holds our standard input open while it needs us
    }
    node.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
