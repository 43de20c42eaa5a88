package dev.minicloud.sdk.audit;

import java.time.Instant;
import java.util.List;

/**
 * The audit trail's integrity check: every sealed hour recomputed and its link checked.
 *
 * @param intact true when no problem was found
 * @param sealedHours how many hours are sealed
 * @param lastSealedHour the latest sealed hour, or null
 * @param problems what was found (an edited, inserted or deleted record; a removed hour)
 */
public record AuditVerification(boolean intact, int sealedHours, Instant lastSealedHour, List<Problem> problems) {

  /** Never-null list. */
  public AuditVerification {
    problems = problems == null ? List.of() : List.copyOf(problems);
  }

  /**
   * One problem.
   *
   * @param hour the hour it is in
   * @param problem what is wrong
   */
  public record Problem(Instant hour, String problem) {}
}
