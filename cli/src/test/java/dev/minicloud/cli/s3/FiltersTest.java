package dev.minicloud.cli.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.cli.UsageException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiltersTest {

  @Test
  void laterFiltersWin() {
    Filters f = Filters.fromArgs(List.of("cp", "--exclude", "*", "--include=*.txt", "--exclude", "tmp/*"));
    assertTrue(f.accepts("a.txt"));
    assertTrue(f.accepts("dir/b.txt")); // '*' crosses '/'
    assertFalse(f.accepts("a.log"));
    assertFalse(f.accepts("tmp/c.txt"));
  }

  @Test
  void globSyntax() {
    Filters f = Filters.fromArgs(List.of("--exclude", "file?.[ch]", "--exclude", "x[!0-9]"));
    assertFalse(f.accepts("file1.c"));
    assertFalse(f.accepts("file2.h"));
    assertTrue(f.accepts("file10.c"));
    assertFalse(f.accepts("xa"));
    assertTrue(f.accepts("x1"));
    assertTrue(f.accepts("a+b(c).txt")); // regex characters are literal
    assertTrue(Filters.none().accepts("anything"));
  }

  @Test
  void s3Uris() {
    S3Uri u = S3Uri.parse("s3://bucket/dir/file.txt");
    assertEquals("bucket", u.bucket());
    assertEquals("dir/file.txt", u.key());
    assertEquals("file.txt", u.baseName());
    assertEquals("dir/file.txt/", u.dirPrefix());
    assertEquals("", S3Uri.parse("s3://bucket").key());
    assertEquals("", S3Uri.parse("s3://bucket/").dirPrefix());
    assertThrows(UsageException.class, () -> S3Uri.parse("s3:///key"));
    assertThrows(UsageException.class, () -> S3Uri.parse("/local/path"));
  }
}
