package kz.qujat.app.bridge

import kz.qujat.app.logic.model.ClaimKey
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.LocalizedText
import kz.qujat.app.logic.port.ClaimToggle
import kz.qujat.app.logic.port.CodeKind
import kz.qujat.app.logic.port.Rules
import kz.qujat.app.logic.port.ScreenLimits
import kz.qujat.app.logic.verify.NextStep
import kz.qujat.app.logic.verify.Tone
import kz.qujat.app.logic.verify.VerdictView
import kz.qujat.core.Language
import kz.qujat.core.ClaimToggle as CoreClaimToggle
import kz.qujat.core.CodeKind as CoreCodeKind
import kz.qujat.core.LocalizedText as CoreText
import kz.qujat.core.NextStep as CoreNextStep
import kz.qujat.core.Severity
import kz.qujat.core.VerdictView as CoreVerdictView

/**
 * [Rules] over the generated bindings: each method converts, calls the core's function
 * (`bindings/src/rules.rs`) and converts back. Stateless; every `when` is exhaustive, so a
 * variant added in the core fails this module's build until it is mapped.
 */
object CoreRules : Rules {
    override fun classifyCode(input: String): CodeKind = when (kz.qujat.core.classifyCode(input)) {
        CoreCodeKind.AUTHENTICATOR -> CodeKind.AUTHENTICATOR
        CoreCodeKind.RECOVERY -> CodeKind.RECOVERY
        CoreCodeKind.INCOMPLETE -> CodeKind.INCOMPLETE
        CoreCodeKind.INVALID -> CodeKind.INVALID
    }

    override fun authenticatorCode(input: String): String? = kz.qujat.core.authenticatorCode(input)

    override fun filterCodeTyping(input: String): String = kz.qujat.core.filterCodeTyping(input)

    override fun recoveryCode(input: String): String? = kz.qujat.core.recoveryCode(input)

    override fun formatRecoveryTyping(input: String): String = kz.qujat.core.formatRecoveryTyping(input)

    override fun isSensitive(claim: ClaimKey): Boolean = kz.qujat.core.isSensitiveClaim(Mapping.claimId(claim))

    override fun preselectedClaims(stated: Set<ClaimKey>, lang: Lang): Set<ClaimKey> =
        keys(kz.qujat.core.preselectedClaims(ids(stated), Mapping.language(lang)))

    override fun toggleClaim(stated: Set<ClaimKey>, selected: Set<ClaimKey>, claim: ClaimKey, on: Boolean): ClaimToggle =
        when (val t = kz.qujat.core.toggleClaim(ids(stated), ids(selected), Mapping.claimId(claim), on)) {
            is CoreClaimToggle.Changed -> ClaimToggle.Changed(keys(t.selected))
            CoreClaimToggle.NeedsConfirmation -> ClaimToggle.NeedsConfirmation
            CoreClaimToggle.NotAvailable -> ClaimToggle.NotAvailable
        }

    override fun confirmSensitiveClaim(stated: Set<ClaimKey>, selected: Set<ClaimKey>, claim: ClaimKey): Set<ClaimKey> =
        keys(kz.qujat.core.confirmSensitiveClaim(ids(stated), ids(selected), Mapping.claimId(claim)))

    override fun canPresent(selected: Set<ClaimKey>): Boolean = kz.qujat.core.canPresent(ids(selected))

    override fun hidesName(selected: Set<ClaimKey>): Boolean = kz.qujat.core.hidesName(ids(selected))

    override fun includesSensitive(selected: Set<ClaimKey>): Boolean = kz.qujat.core.includesSensitive(ids(selected))

    override fun parsePublicKeyFile(bytes: ByteArray): ByteArray? = kz.qujat.core.parsePublicKeyFile(bytes)

    override fun groupedHex(bytes: ByteArray): String = kz.qujat.core.groupedHex(bytes)

    override fun chooseLanguage(userChoice: Lang?, devicePreferred: List<String>): Lang =
        lang(kz.qujat.core.chooseLanguage(userChoice?.let(Mapping::language), devicePreferred))

    override fun pickText(text: LocalizedText, lang: Lang): String? =
        kz.qujat.core.pickText(CoreText(text.kk, text.ru, text.en), Mapping.language(lang))

    override fun secondsLeft(until: Long, now: Long): Long = kz.qujat.core.secondsLeft(until, now)

    override fun formatCountdown(seconds: Long): String = kz.qujat.core.formatCountdown(seconds)

    override fun fractionLeft(secondsLeft: Long, total: Long): Float =
        kz.qujat.core.fractionLeft(secondsLeft, total).toFloat()

    override fun limits(): ScreenLimits = kz.qujat.core.screenLimits().let {
        ScreenLimits(
            pinMinLen = it.pinMinLen.toInt(),
            pinMaxLen = it.pinMaxLen.toInt(),
            presentationTtlSecs = it.presentationTtlSecs.toInt(),
            endingSoonSecs = it.endingSoonSecs,
            rescanQuietSecs = it.rescanQuietSecs,
            maxAutoRefreshes = it.maxAutoRefreshes.toInt(),
            documentDaysDefault = it.documentDaysDefault.toInt(),
            documentDaysMax = it.documentDaysMax.toInt(),
        )
    }

    override fun looksLikePresentation(text: String): Boolean = kz.qujat.core.looksLikePresentation(text)

    /** The core's view of a verdict, as the logic's model. */
    fun view(v: CoreVerdictView): VerdictView = VerdictView(
        tone = when (v.severity) {
            Severity.OK -> Tone.ACCEPT
            Severity.WARNING -> Tone.CAUTION
            Severity.REFUSED -> Tone.REJECT
            Severity.CANNOT_JUDGE -> Tone.NEUTRAL
        },
        wordingKey = v.wordingKey,
        nextStep = when (v.nextStep) {
            CoreNextStep.NONE -> NextStep.NONE
            CoreNextStep.ASK_FOR_NEW_QR -> NextStep.ASK_FOR_NEW_QR
            CoreNextStep.CHECK_CLOCKS -> NextStep.CHECK_CLOCKS
            CoreNextStep.UPDATE_TRUST_DATA -> NextStep.UPDATE_TRUST_DATA
            CoreNextStep.SCAN_AGAIN -> NextStep.SCAN_AGAIN
            CoreNextStep.REPAIR_STATE -> NextStep.REPAIR_STATE
            CoreNextStep.DO_NOT_ACCEPT -> NextStep.DO_NOT_ACCEPT
        },
        time = v.time,
        accept = v.accept,
        showClaims = v.showClaims,
        claimsWithCaveat = v.claimsWithCaveat,
        answersChallenge = v.answersChallenge,
    )

    private fun ids(keys: Set<ClaimKey>) = keys.map(Mapping::claimId)

    private fun keys(ids: List<kz.qujat.core.ClaimId>): Set<ClaimKey> = ids.mapTo(linkedSetOf(), Mapping::claim)

    private fun lang(l: Language): Lang = when (l) {
        Language.KK -> Lang.KK
        Language.RU -> Lang.RU
        Language.EN -> Lang.EN
    }
}
