package dev.minicloud.cli.s3;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code --include} / {@code --exclude} globs, as aws-cli applies them: everything is included
 * unless a filter says otherwise, and filters given later on the command line win over earlier
 * ones. A glob matches the path relative to the source directory or prefix; {@code *} matches any
 * characters including {@code /}, {@code ?} one character, {@code [abc]} one of a set.
 */
final class Filters {

  private record Rule(boolean include, Pattern pattern) {}

  private final List<Rule> rules;

  private Filters(List<Rule> rules) {
    this.rules = rules;
  }

  static Filters none() {
    return new Filters(List.of());
  }

  /** The filters of a command line, in the order they appear. */
  static Filters fromArgs(List<String> args) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      for (String opt : List.of("--include", "--exclude")) {
        String glob = null;
        if (a.equals(opt) && i + 1 < args.size()) {
          glob = args.get(++i);
        } else if (a.startsWith(opt + "=")) {
          glob = a.substring(opt.length() + 1);
        }
        if (glob != null) {
          rules.add(new Rule(opt.equals("--include"), Pattern.compile(toRegex(glob), Pattern.DOTALL)));
        }
      }
    }
    return new Filters(rules);
  }

  /** Whether the relative path passes the filters. */
  boolean accepts(String relativePath) {
    boolean accepted = true;
    for (Rule r : rules) {
      if (r.pattern().matcher(relativePath).matches()) {
        accepted = r.include();
      }
    }
    return accepted;
  }

  static String toRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> sb.append(".*");
        case '?' -> sb.append('.');
        case '[' -> {
          int end = glob.indexOf(']', i + 1);
          if (end < 0) {
            sb.append("\\[");
          } else {
            String set = glob.substring(i + 1, end);
            if (set.startsWith("!")) {
              set = "^" + set.substring(1);
            }
            sb.append('[').append(set.replace("\\", "\\\\")).append(']');
            i = end;
          }
        }
        default -> sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }
}
