import dev.minicloud.sdk.IamClient;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.compute.ExecResult;
import dev.minicloud.sdk.compute.Instance;
import dev.minicloud.sdk.compute.InstanceFilter;
import dev.minicloud.sdk.compute.RunInstancesRequest;
import dev.minicloud.sdk.iam.NewAccessKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The compute and IAM tour of docs/sdk.md, compiled by the build (sdk module, test sources) so it
 * cannot rot. Run it against a local server with a compute agent after {@code minicloud configure}.
 */
public final class ComputeQuickstart {

  private ComputeQuickstart() {}

  public static void main(String[] args) throws Exception {
    try (MiniCloudClient client = MiniCloudClient.builder().build()) {
      // 1. A web server: user data runs at every boot; port 80 is published on 127.0.0.1.
      String boot = "mkdir -p /www; echo hello > /www/index.html; httpd -p 80 -h /www; echo booted";
      Instance web = client.compute().runInstances(new RunInstancesRequest("busybox")
          .instanceType("nano").userData(boot).port(80).tag("Name", "web")).get(0);
      String id = web.instanceId();
      web = client.compute().waitUntilRunning(id);

      // 2. Its page, through the host port the engine chose.
      int port = web.port(80).orElseThrow().hostPort();
      HttpResponse<String> page = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      System.out.println(page.body());

      // 3. Console output and a command run inside.
      System.out.println(client.compute().consoleOutput(id, 20).output());
      ExecResult ls = client.compute().exec(id, "ls", "/www");
      System.out.println(ls.exitCode() + ": " + ls.stdout());

      // 4. Lifecycle with waiters (each call already answers once the transition is complete).
      client.compute().stopInstance(id);
      client.compute().waitUntilStopped(id, Duration.ofSeconds(30));
      client.compute().startInstance(id);
      client.compute().waitUntilRunning(id, Duration.ofSeconds(30));
      client.compute().describeInstances(new InstanceFilter().state("running").tag("Name", "web"))
          .forEach(i -> System.out.println(i.instanceId() + " " + i.stateName() + " " + i.ports()));
      client.compute().terminateInstance(id);

      // 5. A user who may read but not write, with a key of its own.
      client.iam().createUser("reader");
      client.iam().attachUserPolicy("reader", IamClient.builtInPolicyArn("ReadOnlyAccess"));
      NewAccessKey key = client.iam().createAccessKey("reader");  // the secret is shown once
      System.out.println(client.iam().simulate("s3:PutObject", "arn:minicloud:s3:::photos/x", "reader",
          java.util.Map.of()).decision());                      // implicitDeny
      System.out.println(key.accessKeyId());
    }
  }
}
