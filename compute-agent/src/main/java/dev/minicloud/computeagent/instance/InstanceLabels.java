package dev.minicloud.computeagent.instance;

/** The labels every instance container carries; the agent rebuilds its view of instances from them. */
public final class InstanceLabels {

  /** Marks a container as a MiniCloud instance. */
  public static final String MANAGED = "dev.minicloud.managed";
  /** The agent (node id) that owns the container: several agents may share one engine. */
  public static final String AGENT = "dev.minicloud.agent";
  public static final String INSTANCE_ID = "dev.minicloud.instance-id";
  public static final String ACCOUNT = "dev.minicloud.account";
  public static final String INSTANCE_TYPE = "dev.minicloud.instance-type";
  public static final String IMAGE_ID = "dev.minicloud.image-id";

  private InstanceLabels() {}
}
