package dev.minicloud.controlplane.iam.policy;

/** A policy and the name explanations use for it (an ARN, {@code inline:<name>}, or {@code bucket policy}). */
public record NamedPolicy(String name, PolicyDocument document) {}
