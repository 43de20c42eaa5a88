package dev.minicloud.controlplane.iam.policy;

/** A statement's effect. */
public enum Effect { ALLOW, DENY }
