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

/** One handler per {@code /compute/v1} operation; {@code ApiRouter} registers each on one line. */
public record ComputeHandlers(
    RunInstancesHandler runInstances,
    DescribeInstancesHandler describeInstances,
    DescribeInstanceHandler describeInstance,
    StopInstanceHandler stopInstance,
    StartInstanceHandler startInstance,
    RebootInstanceHandler rebootInstance,
    TerminateInstanceHandler terminateInstance,
    GetConsoleOutputHandler consoleOutput,
    ExecCommandHandler exec,
    DescribeImagesHandler describeImages,
    ImportImageHandler importImage,
    DeregisterImageHandler deregisterImage,
    DescribeInstanceTypesHandler describeInstanceTypes) {

  public static ComputeHandlers create(InstanceService instances, ImageCatalog images, InstanceTypeCatalog types,
      AgentClient agents, ImportImageHandler importImage) {
    return new ComputeHandlers(
        new RunInstancesHandler(instances),
        new DescribeInstancesHandler(instances),
        new DescribeInstanceHandler(instances),
        new StopInstanceHandler(instances),
        new StartInstanceHandler(instances),
        new RebootInstanceHandler(instances),
        new TerminateInstanceHandler(instances),
        new GetConsoleOutputHandler(instances, agents),
        new ExecCommandHandler(instances),
        new DescribeImagesHandler(images),
        importImage,
        new DeregisterImageHandler(images),
        new DescribeInstanceTypesHandler(types));
  }
}
