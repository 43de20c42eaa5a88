package dev.minicloud.controlplane.compute;

import dev.minicloud.controlplane.compute.agent.AgentClient;
import dev.minicloud.controlplane.compute.image.DeregisterImageHandler;
import dev.minicloud.controlplane.compute.image.DescribeImagesHandler;
import dev.minicloud.controlplane.compute.image.ImageCatalog;
import dev.minicloud.controlplane.compute.image.ImportImageHandler;
import dev.minicloud.controlplane.compute.instance.DescribeInstanceHandler;
import dev.minicloud.controlplane.compute.instance.DescribeInstancesHandler;
import dev.minicloud.controlplane.compute.instance.ExecCommandHandler;
import dev.minicloud.controlplane.compute.instance.GetConsoleOutputHandler;
import dev.minicloud.controlplane.compute.instance.InstanceService;
import dev.minicloud.controlplane.compute.instance.RebootInstanceHandler;
import dev.minicloud.controlplane.compute.instance.RunInstancesHandler;
import dev.minicloud.controlplane.compute.instance.StartInstanceHandler;
import dev.minicloud.controlplane.compute.instance.StopInstanceHandler;
import dev.minicloud.controlplane.compute.instance.TerminateInstanceHandler;
import dev.minicloud.controlplane.compute.type.DescribeInstanceTypesHandler;
import dev.minicloud.controlplane.compute.type.InstanceTypeCatalog;
import dev.minicloud.controlplane.iam.JsonOperation;
import dev.minicloud.controlplane.iam.policy.Arns;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * One handler per {@code /compute/v1} operation, each named with its IAM action and resource so that
 * {@code ApiRouter} puts the one authorization step in front of it; registered there one per line.
 */
public record ComputeHandlers(
    JsonOperation runInstances,
    JsonOperation describeInstances,
    JsonOperation describeInstance,
    JsonOperation stopInstance,
    JsonOperation startInstance,
    JsonOperation rebootInstance,
    JsonOperation terminateInstance,
    JsonOperation consoleOutput,
    JsonOperation exec,
    JsonOperation describeImages,
    JsonOperation importImage,
    JsonOperation deregisterImage,
    JsonOperation describeInstanceTypes) {

  public static ComputeHandlers create(String region, InstanceService instances, ImageCatalog images,
      InstanceTypeCatalog types, AgentClient agents, ImportImageHandler importImage) {
    return new ComputeHandlers(
        anyInstance("compute:RunInstances", new RunInstancesHandler(instances)),
        anyInstance("compute:DescribeInstances", new DescribeInstancesHandler(instances)),
        instance(region, "compute:DescribeInstances", new DescribeInstanceHandler(instances)),
        instance(region, "compute:StopInstances", new StopInstanceHandler(instances)),
        instance(region, "compute:StartInstances", new StartInstanceHandler(instances)),
        instance(region, "compute:RebootInstances", new RebootInstanceHandler(instances)),
        instance(region, "compute:TerminateInstances", new TerminateInstanceHandler(instances)),
        instance(region, "compute:GetConsoleOutput", new GetConsoleOutputHandler(instances, agents)),
        instance(region, "compute:ExecCommand", new ExecCommandHandler(instances)),
        anyInstance("compute:DescribeImages", new DescribeImagesHandler(images)),
        anyInstance("compute:ImportImage", importImage),
        anyInstance("compute:DeregisterImage", new DeregisterImageHandler(images)),
        anyInstance("compute:DescribeInstanceTypes", new DescribeInstanceTypesHandler(types)));
  }

  /** An operation on the instance named by the path's {@code id}: its ARN in the caller's account. */
  private static JsonOperation instance(String region, String action, Handler<RoutingContext> handler) {
    return new Operation(action, handler, region);
  }

  /** An operation with no single instance resource (run, list, catalogues): resource {@code *}. */
  private static JsonOperation anyInstance(String action, Handler<RoutingContext> handler) {
    return JsonOperation.of(action, handler);
  }

  private record Operation(String action, Handler<RoutingContext> handler, String region) implements JsonOperation {

    @Override
    public String resource(RoutingContext ctx, Principal caller) {
      String id = ctx.pathParam("id");
      return id == null || caller == null ? "*" : Arns.instance(region, caller.accountId(), id);
    }

    @Override
    public void handle(RoutingContext ctx) {
      handler.handle(ctx);
    }
  }
}
