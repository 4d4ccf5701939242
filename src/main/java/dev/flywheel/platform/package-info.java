/**
 * The shared kernel every module builds on: identifiers, money, time, modes, problem details,
 * paging, idempotency, mail, the console shell and the demo generator. It is an open module:
 * its sub-packages are usable by every other module and it depends on none of them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.flywheel.platform;
