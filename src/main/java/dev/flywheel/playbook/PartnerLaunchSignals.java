package dev.flywheel.playbook;

import dev.flywheel.partners.PartnerActivity;
import dev.flywheel.platform.Settings;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The launch criteria the partners module measures, read through its public {@link PartnerActivity}
 * facade: partner-sourced leads tracked, and deal registration in use through the partner portal
 * or API. Counted since the launch's day 1, or over the last 90 days while no launch has started.
 */
@Configuration(proxyBeanMethods = false)
class PartnerLaunchSignals {

    /** The window used while no launch start date is set: the length of the launch plan. */
    static final Duration WITHOUT_START = Duration.ofDays(90);

    /** The period a signal counts over, and how to say it. */
    record Window(Instant from, String description) {
    }

    @Bean
    LaunchSignal partnerSourcedLeadsSignal(PartnerActivity activity, Settings settings) {
        return LaunchSignals.signal(LaunchCriterion.PARTNER_SOURCED_LEADS, now -> {
            Window w = window(settings.get(LaunchTracker.START_DATE).map(LocalDate::parse).orElse(null), now);
            return leads(activity.partnerSourcedLeads(w.from(), now.plusNanos(1)), w);
        });
    }

    @Bean
    LaunchSignal dealRegistrationInUseSignal(PartnerActivity activity, Settings settings) {
        return LaunchSignals.signal(LaunchCriterion.DEAL_REGISTRATION_IN_USE, now -> {
            Window w = window(settings.get(LaunchTracker.START_DATE).map(LocalDate::parse).orElse(null), now);
            return registrations(activity.dealRegistrations(w.from(), now.plusNanos(1)), w);
        });
    }

    static Window window(LocalDate start, Instant now) {
        if (start != null) {
            Instant from = start.atStartOfDay().toInstant(ZoneOffset.UTC);
            if (!from.isAfter(now)) {
                return new Window(from, "since the launch started on " + start);
            }
        }
        return new Window(now.minus(WITHOUT_START), "in the last " + WITHOUT_START.toDays() + " days (no launch start date set)");
    }

    static LaunchSignal.Measurement leads(long count, Window w) {
        return new LaunchSignal.Measurement(count, count == 0
                ? "No lead attributed to a partner (referral link or coupon) " + w.description() + "."
                : count + " lead(s) attributed to partners by referral link or coupon " + w.description() + ".");
    }

    static LaunchSignal.Measurement registrations(PartnerActivity.Registrations r, Window w) {
        return new LaunchSignal.Measurement(r.registrations(), r.registrations() == 0
                ? "No deal registered by a partner " + w.description() + "."
                : r.registrations() + " deal registration(s) by " + r.partners() + " partner(s) " + w.description() + ".");
    }
}
