package dev.flywheel.playbook;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The 90-day launch plan: five phases of consecutive days after a chosen start date, and where a
 * task stands on a given day. Day 1 is the start date; a task due on day {@code d} is due on
 * {@code start + d - 1}. Pure: takes dates, returns values.
 */
final class LaunchPlan {

    static final int DAYS = 90;

    enum Phase {
        FOUNDATION("Foundation and research", 1, 15),
        API_HARDENING("API hardening and first integration", 16, 30),
        PARTNER_OUTREACH("Partner outreach", 31, 45),
        PORTAL_LAUNCH("First integration and portal launch", 46, 60),
        SCALE("Systematise and scale to ten partners", 61, 90);

        private final String label;
        private final int firstDay;
        private final int lastDay;

        Phase(String label, int firstDay, int lastDay) {
            this.label = label;
            this.firstDay = firstDay;
            this.lastDay = lastDay;
        }

        public String label() {
            return label;
        }

        public int firstDay() {
            return firstDay;
        }

        public int lastDay() {
            return lastDay;
        }

        boolean contains(int day) {
            return day >= firstDay && day <= lastDay;
        }

        static Phase ofDay(int day) {
            for (Phase p : values()) {
                if (p.contains(day)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("day " + day + " is outside the 90-day plan");
        }
    }

    enum TaskStatus {
        DONE("done"), OVERDUE("overdue"), DUE_SOON("due this week"), OPEN("open");

        private final String label;

        TaskStatus(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private LaunchPlan() {
    }

    static LocalDate date(LocalDate start, int day) {
        if (day < 1) {
            throw new IllegalArgumentException("days of the plan start at 1");
        }
        return start.plusDays(day - 1L);
    }

    /** The day of the plan {@code today} is: 1 on the start date, 0 or less before it, above 90 after the plan. */
    static long dayOf(LocalDate start, LocalDate today) {
        return ChronoUnit.DAYS.between(start, today) + 1;
    }

    /** The phase running on {@code today}, or null before the start and after day 90. */
    static Phase currentPhase(LocalDate start, LocalDate today) {
        long day = dayOf(start, today);
        return day < 1 || day > DAYS ? null : Phase.ofDay((int) day);
    }

    /** Done is done; otherwise overdue once the due date has passed, due soon within the next seven days, else open. */
    static TaskStatus status(boolean done, LocalDate start, int dueDay, LocalDate today) {
        if (done) {
            return TaskStatus.DONE;
        }
        LocalDate due = date(start, dueDay);
        if (today.isAfter(due)) {
            return TaskStatus.OVERDUE;
        }
        return ChronoUnit.DAYS.between(today, due) < 7 ? TaskStatus.DUE_SOON : TaskStatus.OPEN;
    }

    /** Share of tasks done, in whole percent rounded down (0 for no tasks). */
    static int percentDone(List<Boolean> done) {
        if (done.isEmpty()) {
            return 0;
        }
        long n = done.stream().filter(Boolean::booleanValue).count();
        return (int) (n * 100 / done.size());
    }
}
