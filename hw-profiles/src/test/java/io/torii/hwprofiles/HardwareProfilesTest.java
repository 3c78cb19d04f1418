package io.torii.hwprofiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HardwareProfilesTest
{
    @Test
    void everyNamedProfileShipsWithItsSummaryLine()
    {
        assertThat(HardwareProfiles.all()).extracting(HardwareProfile::name)
            .containsExactlyElementsOf(HardwareProfiles.NAMES);
        assertThat(HardwareProfiles.all()).allSatisfy(profile ->
        {
            assertThat(profile.summary()).isNotEqualTo(profile.name()).isNotBlank();
            assertThat(profile.text()).contains("dataplane {");
            assertThat(profile.resource()).isEqualTo(HardwareProfiles.RESOURCE_DIRECTORY + profile.name() + ".conf");
        });
    }

    @Test
    void loadNamesTheProfilesThereAreForAnUnknownName()
    {
        assertThat(HardwareProfiles.find("huge-box")).isEmpty();
        assertThatThrownBy(() -> HardwareProfiles.load("huge-box")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("huge-box").hasMessageContaining("small-branch");
    }

    @Test
    void aNameThatIsNotAProfileNeverReachesTheClassPath()
    {
        assertThat(HardwareProfiles.find("../profiles/generic-vm")).isEmpty();
    }
}
