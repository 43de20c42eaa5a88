package dev.minicloud.sdk.internal;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The JSON APIs' pagination ({@code nextToken} in, {@code nextToken} out) as a lazy stream: the
 * next page is fetched only when the stream reaches it.
 */
public final class TokenPages {

  /** One page: its items and the token of the next one (null or empty on the last page). */
  public record Page<T>(List<T> items, String nextToken) {}

  private TokenPages() {}

  /** The items of every page; {@code fetch} gets the token of the page to fetch (null for the first). */
  public static <T> Stream<T> stream(Function<String, Page<T>> fetch) {
    Iterable<List<T>> pages = () -> new Iterator<>() {
      private String token;
      private boolean done;

      @Override
      public boolean hasNext() {
        return !done;
      }

      @Override
      public List<T> next() {
        if (done) {
          throw new NoSuchElementException();
        }
        Page<T> page = fetch.apply(token);
        token = page == null ? null : page.nextToken();
        done = token == null || token.isEmpty();
        return page == null || page.items() == null ? List.of() : page.items();
      }
    };
    return StreamSupport.stream(pages.spliterator(), false).flatMap(List::stream);
  }
}
