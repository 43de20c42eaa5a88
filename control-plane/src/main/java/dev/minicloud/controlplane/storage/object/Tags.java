package dev.minicloud.controlplane.storage.object;

import dev.minicloud.controlplane.s3.xml.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions between stored tag maps and the XML tag lists (order preserved). */
public final class Tags {

  private Tags() {}

  public static List<Tag> toList(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> new Tag(e.getKey(), e.getValue())).toList();
  }

  public static Map<String, String> toMap(List<Tag> tags) {
    Map<String, String> map = new LinkedHashMap<>();
    tags.forEach(t -> map.put(t.key(), t.value()));
    return map;
  }
}
