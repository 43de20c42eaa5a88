package dev.minicloud.controlplane.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SurfaceClassifierTest {

  @Test
  void jsonApisAreClaimedByPrefixOnSegmentBoundaries() {
    assertEquals(ApiSurface.JSON, SurfaceClassifier.classify("GET", "/admin/v1/nodes", null));
    assertEquals(ApiSurface.JSON, SurfaceClassifier.classify("POST", "/compute/v1", "application/json"));
    // A bucket called "compute" with key "v10" is S3, not the compute API.
    assertEquals(ApiSurface.S3, SurfaceClassifier.classify("GET", "/compute/v10", null));
    assertEquals(ApiSurface.S3, SurfaceClassifier.classify("GET", "/computer/v1/x", null));
  }

  @Test
  void queryProtocolIsAFormPostToTheRoot() {
    assertEquals(ApiSurface.STS,
        SurfaceClassifier.classify("POST", "/", "application/x-www-form-urlencoded; charset=utf-8"));
    assertEquals(ApiSurface.S3, SurfaceClassifier.classify("GET", "/", null));
    assertEquals(ApiSurface.S3, SurfaceClassifier.classify("POST", "/bucket", "application/x-www-form-urlencoded"));
  }

  @Test
  void probesAndInternalApi() {
    assertEquals(ApiSurface.PROBE, SurfaceClassifier.classify("GET", "/health/ready", null));
    assertEquals(ApiSurface.PROBE, SurfaceClassifier.classify("GET", "/metrics", null));
    assertEquals(ApiSurface.INTERNAL, SurfaceClassifier.classify("PUT", "/internal/v1/nodes/sn-1", "application/json"));
    assertEquals(ApiSurface.S3, SurfaceClassifier.classify("GET", "/healthy/x", null));
  }
}
