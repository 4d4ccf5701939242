/**
 * The growth playbook: strategy tools computed from Flywheel's live data — the ecosystem map, the
 * impact-vs-effort matrix of levers, the platform decision, integration survey analysis, the
 * marketplace ROI calculator, the 90-day launch tracker and the ecosystem health advisor.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Playbook")
package dev.flywheel.playbook;
