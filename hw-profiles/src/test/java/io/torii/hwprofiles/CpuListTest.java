package io.torii.hwprofiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpuListTest
{
    @Test
    void readsNumbersAndInclusiveRanges()
    {
        assertThat(CpuList.parse("0-2,8,10-11\n")).contains(List.of(0, 1, 2, 8, 10, 11));
    }

    @Test
    void anEmptyListIsNoCpus()
    {
        assertThat(CpuList.parse("\n")).contains(List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"3-1", "a", "1,,2", "-1", "0-99999", "1 2"})
    void rejectsWhatIsNotACpuList(final String text)
    {
        assertThat(CpuList.parse(text)).isEmpty();
    }
}
