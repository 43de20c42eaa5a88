package dev.minicloud.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.minicloud.sdk.admin.NodeInfo;
import dev.minicloud.sdk.internal.JsonCalls;
import java.util.List;

/**
 * Platform administration ({@code /admin/v1}); only the platform's root credentials may call it
 * ({@code AccessDenied} otherwise). Obtain it from {@link MiniCloudClient#admin()}.
 */
public final class AdminClient {

  private final JsonCalls json;

  AdminClient(JsonCalls json) {
    this.json = json;
  }

  private record NodeList(List<NodeInfo> nodes) {}

  /** Every storage node and compute agent known to the control plane, with state and capacity. */
  public List<NodeInfo> nodes() {
    NodeList list = json.call("GET", "admin", "/admin/v1/nodes", "", null, new TypeReference<NodeList>() {});
    return list == null || list.nodes() == null ? List.of() : list.nodes();
  }
}
