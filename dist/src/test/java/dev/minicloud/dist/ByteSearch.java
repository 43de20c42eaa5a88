package dev.minicloud.dist;

/** Finding a byte sequence in a file's bytes, for the tests that search the data directory. */
final class ByteSearch {

  private ByteSearch() {}

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
