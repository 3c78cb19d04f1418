package io.torii.hwprofiles;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Something a profile needs of the machine, with how to test for it and how to describe what was
 * found, so that every choice can say why.
 *
 * @param needs what is needed, in words.
 * @param test whether a machine meets it.
 * @param found what a machine has, in words.
 */
record Requirement(String needs, Predicate<HardwareSurvey> test, Function<HardwareSurvey, String> found)
{
    /**
     * @param survey a machine.
     * @return the requirement held against it.
     */
    Check check(final HardwareSurvey survey)
    {
        return new Check(needs, found.apply(survey), test.test(survey));
    }
}
