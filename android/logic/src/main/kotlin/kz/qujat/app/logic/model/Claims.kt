package kz.qujat.app.logic.model

/**
 * A disclosable claim of a diploma (one leaf of the core's disclosure tree). Mirrors the
 * bindings' `ClaimId`; the adapter maps the two with an exhaustive `when`, so a claim added
 * to the core fails the build here instead of disappearing silently. Which claims are
 * sensitive and which are preselected is the core's rule ([kz.qujat.app.logic.port.Rules]).
 */
enum class ClaimKey {
    NAME,
    DEGREE_LEVEL,
    PROGRAM_CODE,
    HONORS,
    ISSUE_DATE,
    DIPLOMA_NUMBER,
    STUDY_FORM,
    PROGRAM_EN,
    PROGRAM_RU,
    PROGRAM_KK,
    NAME_LATIN,
    BIRTH_DATE,
    IIN,
    GPA,
}

/**
 * One claim as a screen shows it: which, its label and its value as text in the language it
 * was asked in. Personal data: [toString] shows only the key, so a log line or a crash report
 * never carries it.
 */
class ClaimLine(val key: ClaimKey, val label: String, val text: String) {
    override fun equals(other: Any?): Boolean =
        other is ClaimLine && other.key == key && other.label == label && other.text == text

    override fun hashCode(): Int = (key.hashCode() * 31 + label.hashCode()) * 31 + text.hashCode()

    override fun toString(): String = "ClaimLine($key, <redacted>)"
}
