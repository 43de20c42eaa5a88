package dev.minicloud.common.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {

  @Test
  void whatIsQueuedDuringACommitIsCommittedAsTheNextGroupInOrder() throws Exception {
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<List<Integer>> groups = new CopyOnWriteArrayList<>();
    try (GroupCommitter<Integer> committer = new GroupCommitter<>("test-commit", 100, group -> {
      groups.add(List.copyOf(group));
      firstStarted.countDown();
      try {
        release.await(10, TimeUnit.SECONDS); // a slow fsync
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    })) {
      committer.submit(0);
      assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
      for (int i = 1; i <= 5; i++) {
        committer.submit(i);
      }
      release.countDown();
    } // close commits what was queued
    assertEquals(List.of(List.of(0), List.of(1, 2, 3, 4, 5)), groups);
  }

  @Test
  void groupsAreBoundedAFailingCommitDoesNotStopTheThreadAndClosedRefuses() {
    List<List<Integer>> groups = new CopyOnWriteArrayList<>();
    CountDownLatch gate = new CountDownLatch(1);
    GroupCommitter<Integer> committer = new GroupCommitter<>("test-commit", 2, group -> {
      try {
        gate.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      groups.add(List.copyOf(group));
      if (group.contains(1)) {
        throw new IllegalStateException("disk full");
      }
    });
    List<Integer> submitted = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      committer.submit(i);
      submitted.add(i);
    }
    gate.countDown();
    committer.close();
    assertTrue(groups.stream().allMatch(g -> g.size() <= 2), groups.toString());
    assertEquals(submitted, groups.stream().flatMap(List::stream).toList(), "all committed, in order, after a failure");
    assertThrows(IllegalStateException.class, () -> committer.submit(9));
    committer.close(); // idempotent
  }
}
