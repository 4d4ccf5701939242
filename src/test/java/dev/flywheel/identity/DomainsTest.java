package dev.flywheel.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DomainsTest {

    @ParameterizedTest
    @CsvSource({
        "www.Acme.com, acme.com",
        "https://www.acme.com/pricing?x=1, acme.com",
        "ACME.COM., acme.com",
        "jane@Acme.com, acme.com",
        "acme.com:8443, acme.com",
        "shop.acme.co.uk, shop.acme.co.uk",
        "bücher.example, xn--bcher-kva.example",
    })
    void normalizesWhatPeopleType(String typed, String expected) {
        assertThat(Domains.normalize(typed)).isEqualTo(expected);
        assertThat(Domains.isValid(Domains.normalize(typed))).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"localhost", "not a domain", "acme", "-acme.com", "acme.c"})
    void rejectsWhatIsNotADomain(String typed) {
        assertThat(Domains.isValid(Domains.normalize(typed))).isFalse();
    }
}
