package kz.qujat.app.ui.verify

import android.Manifest
import android.content.pm.PackageManager
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.contract.ActivityResultContracts
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
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.font.FontFamily
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import androidx.compose.ui.unit.sp
import androidx.core.content.ContextCompat
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.viewmodel.compose.viewModel
import kz.qujat.app.AppGraph
import kz.qujat.app.R
import kz.qujat.app.logic.model.Lang
import kz.qujat.app.logic.port.VerifierPort
import kz.qujat.app.logic.verify.ScanHint
import kz.qujat.app.logic.verify.ScanState
import kz.qujat.app.logic.verify.VerifierPresenter
import kz.qujat.app.ui.common.pick
import kz.qujat.app.ui.common.Page
import kz.qujat.app.ui.common.PresenterViewModel
import kz.qujat.app.ui.common.nextStepText
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

@OptIn(ExperimentalMaterial3Api::class)
@Composable
fun VerifierScreen(graph: AppGraph, onSettings: () -> Unit) {
    val verifier = graph.verifier
    Scaffold(topBar = {
        TopAppBar(
            title = { Text(stringResource(R.string.verifier_title)) },
            actions = { TextButton(onClick = onSettings) { Text(stringResource(R.string.settings)) } },
        )
    }) { padding ->
        Column(Modifier.padding(padding)) {
            if (verifier == null) {
                Page { Text(stringResource(R.string.verifier_no_anchor)) }
            } else {
                VerifierContent(graph, verifier)
            }
        }
    }
}

@Composable
private fun VerifierContent(graph: AppGraph, verifier: VerifierPort) {
    val vm: VerifierViewModel = viewModel { VerifierViewModel(graph, verifier) }
    val state by vm.state.collectAsStateWithLifecycle()
    LaunchedEffect(Unit) { vm.refresh() }
    when (val s = state) {
        is ScanState.Scanning -> Scanning(s, vm)
        is ScanState.Verifying -> Scanning(ScanState.Scanning(s.challenge), vm, paused = true)
        is ScanState.Result -> Result(s, remember { graph.settings.effectiveLanguage() }, vm::scanAgain)
        is ScanState.Failed -> Page {
            Text(stringResource(R.string.verifier_challenge_failed))
            Button(onClick = vm::scanAgain) { Text(stringResource(R.string.next_scan_again)) }
        }
    }
}

@Composable
private fun Scanning(s: ScanState.Scanning, vm: VerifierViewModel, paused: Boolean = false) {
    val context = LocalContext.current
    var granted by remember {
        mutableStateOf(ContextCompat.checkSelfPermission(context, Manifest.permission.CAMERA) == PackageManager.PERMISSION_GRANTED)
    }
    val ask = rememberLauncherForActivityResult(ActivityResultContracts.RequestPermission()) { granted = it }
    Column(Modifier.padding(16.dp).verticalScroll(rememberScrollState()), verticalArrangement = Arrangement.spacedBy(12.dp)) {
        if (granted) {
            QrScanner(onText = { if (!paused) vm.scanned(it) }, modifier = Modifier.fillMaxWidth().aspectRatio(1f))
        } else {
            Text(stringResource(R.string.verifier_camera_needed))
            Button(onClick = { ask.launch(Manifest.permission.CAMERA) }) { Text(stringResource(R.string.verifier_allow_camera)) }
        }
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
    }
}

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
