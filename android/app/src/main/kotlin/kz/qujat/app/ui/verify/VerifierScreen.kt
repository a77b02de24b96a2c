package kz.qujat.app.ui.verify

import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.aspectRatio
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.ExperimentalMaterial3Api
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Scaffold
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.material3.TopAppBar
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.remember
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.font.FontFamily
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import androidx.compose.ui.unit.sp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.model.TrustListInfo
import kz.qujat.app.logic.port.VerifierPort
import kz.qujat.app.logic.verify.ScanHint
import kz.qujat.app.logic.verify.ScanState
import kz.qujat.app.logic.verify.VerifierPresenter
import kz.qujat.app.ui.common.Page
import kz.qujat.app.ui.common.PresenterViewModel
import kz.qujat.app.ui.common.nextStepText
import kz.qujat.app.ui.common.pick
import kz.qujat.app.ui.common.verdictBody
import kz.qujat.app.ui.common.verdictTitle
import kz.qujat.app.ui.theme.VerdictColors

class VerifierViewModel(graph: AppGraph, verifier: VerifierPort) :
    PresenterViewModel<ScanState, VerifierPresenter>(
        VerifierPresenter(verifier, graph.rules, graph.clock) { graph.settings.effectiveLanguage() },
    ) {
    fun scanned(text: String) = send { onScanned(text) }
    fun newChallenge() = send { newChallenge() }
    fun clearChallenge() = send { clearChallenge() }
    fun scanAgain() = send { scanAgain() }
    fun refresh() = send { refresh() }
}

/**
 * The employer's screen. The verifier (its state file opened, the shipped lists installed) is
 * obtained off the main thread ([WithVerifier]); until then a progress indicator shows.
 */
@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun VerifierScreen(graph: AppGraph, onSettings: () -> Unit, onLists: () -> Unit) {
    Scaffold(topBar = {
        TopAppBar(
            title = { Text(stringResource(R.string.verifier_title)) },
            actions = { TextButton(onClick = onSettings) { Text(stringResource(R.string.settings)) } },
        )
    }) { padding ->
        Column(Modifier.padding(padding)) {
            WithVerifier(graph) { verifier -> VerifierContent(graph, verifier, onLists) }
        }
    }
}

@Composable
private fun VerifierContent(graph: AppGraph, verifier: VerifierPort, onLists: () -> Unit) {
    val vm: VerifierViewModel = viewModel { VerifierViewModel(graph, verifier) }
    val state by vm.state.collectAsStateWithLifecycle()
    // Every time the screen comes back (from the lists screen too): the trust list held now.
    LaunchedEffect(Unit) { vm.refresh() }
    when (val s = state) {
        // One call site for both, so the camera stays bound while a code is checked.
        is ScanState.Scanning, is ScanState.Verifying -> {
            val verifying = s as? ScanState.Verifying
            val shown = verifying?.let { ScanState.Scanning(it.challenge, trustList = it.trustList) } ?: s as ScanState.Scanning
            Scanning(graph, shown, vm, onLists, paused = verifying != null)
        }
        is ScanState.Result -> Result(s, remember { graph.settings.effectiveLanguage() }, vm::scanAgain)
        is ScanState.Failed -> Page {
            Text(verifierFailureText(s.failure), color = MaterialTheme.colorScheme.error)
            Button(onClick = vm::scanAgain) { Text(stringResource(R.string.next_scan_again)) }
        }
    }
}

@Composable
private fun Scanning(graph: AppGraph, s: ScanState.Scanning, vm: VerifierViewModel, onLists: () -> Unit, paused: Boolean = false) {
    Column(Modifier.padding(16.dp).verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        CameraArea(Modifier.fillMaxWidth().aspectRatio(1f)) { if (!paused) vm.scanned(it) }
        when (s.hint) {
            ScanHint.NOT_A_QUJAT_CODE -> Text(stringResource(R.string.scan_not_qujat))
            ScanHint.NO_TRUST_LIST -> Text(stringResource(R.string.scan_no_trust_list), color = MaterialTheme.colorScheme.error)
            null -> Text(stringResource(R.string.scan_point_camera))
        }
        val challenge = s.challenge
        if (challenge == null) {
            OutlinedButton(onClick = vm::newChallenge, modifier = Modifier.fillMaxWidth()) {
                Text(stringResource(R.string.challenge_use))
            }
        } else {
            Card(Modifier.fillMaxWidth()) {
                Column(Modifier.padding(16.dp)) {
                    Text(stringResource(R.string.challenge_tell_holder))
                    // Large, grouped in threes, so it can be read across a table.
                    Text(
                        challenge.chunked(3).joinToString(" "),
                        fontSize = 44.sp,
                        fontWeight = FontWeight.Bold,
                        fontFamily = FontFamily.Monospace,
                    )
                    TextButton(onClick = vm::clearChallenge) { Text(stringResource(R.string.challenge_clear)) }
                }
            }
        }
        TrustAgeLine(s.trustList, graph.clock.nowSeconds(), onLists)
    }
}

/** The trust list held and its age (or that there is none), leading to the lists screen. */
@Composable
private fun TrustAgeLine(info: TrustListInfo?, now: Long, onLists: () -> Unit) {
    TextButton(onClick = onLists, modifier = Modifier.fillMaxWidth()) {
        Text(
            if (info != null) {
                stringResource(R.string.lists_trust_held, info.sequence.toInt(), ageText(info.issuedAt, now))
            } else {
                stringResource(R.string.lists_trust_none)
            },
            style = MaterialTheme.typography.bodySmall,
        )
    }
}

/**
 * The verdict in its colour, its wording, what to do next, what kind of presentation it was (a
 * live code, or a printed or e-mailed copy for an audience), and (only when the core found them
 * authentic) the disclosed claims, under a caveat unless the verdict is VALID.
 */
@Composable
private fun Result(r: ScanState.Result, lang: Lang, onScanAgain: () -> Unit) {
    val ui = r.ui
    val result = r.result
    Column(Modifier.verticalScroll(rememberScrollState())) {
        Column(
            Modifier
                .fillMaxWidth()
                .background(VerdictColors.background(ui.tone))
                .padding(24.dp),
            verticalArrangement = Arrangement.spacedBy(8.dp),
        ) {
            val fg = VerdictColors.onBackground(ui.tone)
            Text(verdictTitle(ui.message), color = fg, style = MaterialTheme.typography.headlineMedium, fontWeight = FontWeight.Bold)
            Text(verdictBody(ui.message, ui.time), color = fg)
            nextStepText(ui.nextStep)?.let { Text(it, color = fg, fontWeight = FontWeight.SemiBold) }
            Text(ui.code, color = fg, style = MaterialTheme.typography.labelSmall)
        }
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            ui.kind?.let { Text(kindText(it), style = MaterialTheme.typography.titleSmall) }
            r.result.issuerName?.let { name ->
                Text(stringResource(R.string.result_issuer), style = MaterialTheme.typography.labelMedium)
                Text(name.pick(lang).orEmpty(), style = MaterialTheme.typography.titleMedium)
            }
            if (ui.showClaims) {
                if (ui.claimsWithCaveat) {
                    Text(stringResource(R.string.result_claims_caveat), color = MaterialTheme.colorScheme.error)
                }
                for (line in result.claims) {
                    Text(line.label, style = MaterialTheme.typography.labelMedium)
                    Text(line.text, style = MaterialTheme.typography.bodyLarge)
                    HorizontalDivider()
                }
                if (result.notStated.isNotEmpty()) Text(stringResource(R.string.result_not_stated, result.notStated.size))
            }
            Row { Button(onClick = onScanAgain, modifier = Modifier.fillMaxWidth()) { Text(stringResource(R.string.next_scan_again)) } }
        }
    }
}
