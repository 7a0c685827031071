namespace Automation.Engine.Texts;

/// <summary>Texts of the clerk, process-owner and administration pages (their Razor markup and page models).</summary>
internal static partial class Texte
{
    // Shared by several pages
    public static string SeitenBrotkruemel => Get(nameof(SeitenBrotkruemel));
    public static string SeitenSeiten => Get(nameof(SeitenSeiten));
    public static string SeitenVorherige => Get(nameof(SeitenVorherige));
    public static string SeitenNaechste => Get(nameof(SeitenNaechste));
    public static string SeitenBitteWaehlen => Get(nameof(SeitenBitteWaehlen));
    public static string SeitenAlle => Get(nameof(SeitenAlle));
    public static string SeitenAktion => Get(nameof(SeitenAktion));
    public static string SeitenFiltern => Get(nameof(SeitenFiltern));
    public static string SeitenProzess => Get(nameof(SeitenProzess));
    public static string SeitenAktenzeichen => Get(nameof(SeitenAktenzeichen));
    public static string SeitenStand => Get(nameof(SeitenStand));
    public static string SeitenName => Get(nameof(SeitenName));
    public static string SeitenPerson => Get(nameof(SeitenPerson));
    public static string SeitenPruefen => Get(nameof(SeitenPruefen));
    public static string SeitenVeroeffentlichen => Get(nameof(SeitenVeroeffentlichen));
    public static string SeitenHerunterladen => Get(nameof(SeitenHerunterladen));
    public static string SeitenSpeichern => Get(nameof(SeitenSpeichern));
    public static string SeitenBefunde => Get(nameof(SeitenBefunde));
    public static string SeitenNochNichtGeprueft => Get(nameof(SeitenNochNichtGeprueft));
    public static string SeitenAngabenFreiwillig => Get(nameof(SeitenAngabenFreiwillig));
    public static string SeitenVariablenName => Get(nameof(SeitenVariablenName));
    public static string SeitenVariablenWert => Get(nameof(SeitenVariablenWert));
    public static string SeitenZurStartseite => Get(nameof(SeitenZurStartseite));
    public static string SeitenZeitVon => Get(nameof(SeitenZeitVon));
    public static string SeitenAngelegt => Get(nameof(SeitenAngelegt));
    public static string SeitenPasswortNeu => Get(nameof(SeitenPasswortNeu));

    // Cases/Vorgaenge
    public static string VorgaengeTitel => Get(nameof(VorgaengeTitel));
    public static string VorgaengeFiltern => Get(nameof(VorgaengeFiltern));
    public static string VorgaengeZurErstenSeite => Get(nameof(VorgaengeZurErstenSeite));
    public static string VorgaengeTabelle => Get(nameof(VorgaengeTabelle));
    public static string VorgaengeBegonnen => Get(nameof(VorgaengeBegonnen));
    public static string VorgaengeBeendet => Get(nameof(VorgaengeBeendet));

    // Cases/Vorgang
    public static string VorgangProzessVersion => Get(nameof(VorgangProzessVersion));
    public static string VorgangAbbrechen => Get(nameof(VorgangAbbrechen));
    public static string VorgangAbbrechenHinweis => Get(nameof(VorgangAbbrechenHinweis));
    public static string VorgangAbbrechenEndgueltig => Get(nameof(VorgangAbbrechenEndgueltig));
    public static string VorgangDiagramm => Get(nameof(VorgangDiagramm));
    public static string VorgangLegendeAktiv => Get(nameof(VorgangLegendeAktiv));
    public static string VorgangLegendeErledigt => Get(nameof(VorgangLegendeErledigt));
    public static string VorgangLegendeFehler => Get(nameof(VorgangLegendeFehler));
    public static string VorgangDiagrammBeschreibung => Get(nameof(VorgangDiagrammBeschreibung));
    public static string VorgangOffeneSchritte => Get(nameof(VorgangOffeneSchritte));
    public static string VorgangKeine => Get(nameof(VorgangKeine));
    public static string VorgangThema => Get(nameof(VorgangThema));
    public static string VorgangNachrichtMelden => Get(nameof(VorgangNachrichtMelden));
    public static string VorgangNachricht => Get(nameof(VorgangNachricht));
    public static string VorgangNachrichtSchluessel => Get(nameof(VorgangNachrichtSchluessel));
    public static string VorgangNachrichtAnVorgang => Get(nameof(VorgangNachrichtAnVorgang));
    public static string VorgangSignal => Get(nameof(VorgangSignal));
    public static string VorgangSignalAnAlle => Get(nameof(VorgangSignalAnAlle));
    public static string VorgangFehler => Get(nameof(VorgangFehler));
    public static string VorgangErneutVersuchen => Get(nameof(VorgangErneutVersuchen));
    public static string VorgangAngaben => Get(nameof(VorgangAngaben));
    public static string VorgangNochKeine => Get(nameof(VorgangNochKeine));
    public static string VorgangAngabe => Get(nameof(VorgangAngabe));
    public static string VorgangWert => Get(nameof(VorgangWert));
    public static string VorgangDokumente => Get(nameof(VorgangDokumente));
    public static string VorgangDatei => Get(nameof(VorgangDatei));
    public static string VorgangHerkunft => Get(nameof(VorgangHerkunft));
    public static string VorgangGroesse => Get(nameof(VorgangGroesse));
    public static string VorgangAbgelegt => Get(nameof(VorgangAbgelegt));
    public static string VorgangVerlauf => Get(nameof(VorgangVerlauf));
    public static string VorgangVerlaufTabelle => Get(nameof(VorgangVerlaufTabelle));
    public static string VorgangSchritt => Get(nameof(VorgangSchritt));
    public static string VorgangWer => Get(nameof(VorgangWer));
    public static string VorgangErgebnis => Get(nameof(VorgangErgebnis));
    public static string VorgangEnde => Get(nameof(VorgangEnde));
    public static string VorgangKilobyte => Get(nameof(VorgangKilobyte));
    public static string VorgangMegabyte => Get(nameof(VorgangMegabyte));

    // Cases/VorgangNeu
    public static string VorgangNeuTitel => Get(nameof(VorgangNeuTitel));
    public static string VorgangNeuTitelProzess => Get(nameof(VorgangNeuTitelProzess));
    public static string VorgangNeuKeinProzess => Get(nameof(VorgangNeuKeinProzess));
    public static string VorgangNeuProzessWaehlen => Get(nameof(VorgangNeuProzessWaehlen));
    public static string VorgangNeuNichtGestartet => Get(nameof(VorgangNeuNichtGestartet));
    public static string VorgangNeuFeldPruefen => Get(nameof(VorgangNeuFeldPruefen));
    public static string VorgangNeuVersion => Get(nameof(VorgangNeuVersion));
    public static string VorgangNeuAktenzeichenHinweis => Get(nameof(VorgangNeuAktenzeichenHinweis));
    public static string VorgangNeuKeineAngaben => Get(nameof(VorgangNeuKeineAngaben));

    // Tasks/Aufgaben
    public static string AufgabenTitel => Get(nameof(AufgabenTitel));
    public static string AufgabenFiltern => Get(nameof(AufgabenFiltern));
    public static string AufgabenSuche => Get(nameof(AufgabenSuche));
    public static string AufgabenFrist => Get(nameof(AufgabenFrist));
    public static string AufgabenSortierung => Get(nameof(AufgabenSortierung));
    public static string AufgabenAnzeigen => Get(nameof(AufgabenAnzeigen));
    public static string AufgabenAlleAnzeigen => Get(nameof(AufgabenAlleAnzeigen));
    public static string AufgabenKeineImFilter => Get(nameof(AufgabenKeineImFilter));
    public static string AufgabenPostkorbLeer => Get(nameof(AufgabenPostkorbLeer));
    public static string AufgabenTabelleEine => Get(nameof(AufgabenTabelleEine));
    public static string AufgabenTabelle => Get(nameof(AufgabenTabelle));
    public static string AufgabenGefiltert => Get(nameof(AufgabenGefiltert));
    public static string AufgabenAufgabe => Get(nameof(AufgabenAufgabe));
    public static string AufgabenPostkorb => Get(nameof(AufgabenPostkorb));
    public static string AufgabenSeit => Get(nameof(AufgabenSeit));
    public static string AufgabenUeberschritten => Get(nameof(AufgabenUeberschritten));
    public static string AufgabenUebernommenVon => Get(nameof(AufgabenUebernommenVon));
    public static string AufgabenOffen => Get(nameof(AufgabenOffen));
    public static string AufgabenUebernehmen => Get(nameof(AufgabenUebernehmen));

    // Tasks/Aufgabe
    public static string AufgabeVorgang => Get(nameof(AufgabeVorgang));
    public static string AufgabeVorgangAnsehen => Get(nameof(AufgabeVorgangAnsehen));
    public static string AufgabeVorgangAnsehenMit => Get(nameof(AufgabeVorgangAnsehenMit));
    public static string AufgabeHinweise => Get(nameof(AufgabeHinweise));
    public static string AufgabeErledigen => Get(nameof(AufgabeErledigen));
    public static string AufgabeKeineFelder => Get(nameof(AufgabeKeineFelder));
    public static string AufgabeAbschliessen => Get(nameof(AufgabeAbschliessen));
    public static string AufgabeZurueckgeben => Get(nameof(AufgabeZurueckgeben));
    public static string AufgabeBearbeitetVon => Get(nameof(AufgabeBearbeitetVon));
    public static string AufgabeZuweisen => Get(nameof(AufgabeZuweisen));
    public static string AufgabeZuweisenAn => Get(nameof(AufgabeZuweisenAn));

    // Definitions/Prozesse
    public static string ProzesseTitel => Get(nameof(ProzesseTitel));
    public static string ProzesseEntscheidungen => Get(nameof(ProzesseEntscheidungen));
    public static string ProzesseNeuModellieren => Get(nameof(ProzesseNeuModellieren));
    public static string ProzesseDateiHochladen => Get(nameof(ProzesseDateiHochladen));
    public static string ProzesseNeuesteVersion => Get(nameof(ProzesseNeuesteVersion));
    public static string ProzesseKeine => Get(nameof(ProzesseKeine));
    public static string ProzesseImModeler => Get(nameof(ProzesseImModeler));
    public static string ProzesseVersionen => Get(nameof(ProzesseVersionen));
    public static string ProzesseVersion => Get(nameof(ProzesseVersion));
    public static string ProzesseDatei => Get(nameof(ProzesseDatei));
    public static string ProzesseGespeichert => Get(nameof(ProzesseGespeichert));
    public static string ProzesseVeroeffentlicht => Get(nameof(ProzesseVeroeffentlicht));
    public static string ProzesseQuelltext => Get(nameof(ProzesseQuelltext));
    public static string ProzesseUnterschied => Get(nameof(ProzesseUnterschied));
    public static string ProzesseRegister => Get(nameof(ProzesseRegister));
    public static string ProzesseNein => Get(nameof(ProzesseNein));
    public static string ProzesseAnzeigen => Get(nameof(ProzesseAnzeigen));
    public static string ProzesseVersionKlammer => Get(nameof(ProzesseVersionKlammer));
    public static string ProzesseZuVersion => Get(nameof(ProzesseZuVersion));
    public static string ProzesseTransparenzregister => Get(nameof(ProzesseTransparenzregister));

    // Definitions/Quelle
    public static string QuelleTitel => Get(nameof(QuelleTitel));
    public static string QuelleVersion => Get(nameof(QuelleVersion));
    public static string QuelleUeberschrift => Get(nameof(QuelleUeberschrift));
    public static string QuelleAlsDatei => Get(nameof(QuelleAlsDatei));

    // Definitions/Diff
    public static string DiffTitel => Get(nameof(DiffTitel));
    public static string DiffUeberschrift => Get(nameof(DiffUeberschrift));
    public static string DiffGleich => Get(nameof(DiffGleich));
    public static string DiffGeaenderteElemente => Get(nameof(DiffGeaenderteElemente));
    public static string DiffNurDarstellung => Get(nameof(DiffNurDarstellung));
    public static string DiffElement => Get(nameof(DiffElement));
    public static string DiffAenderung => Get(nameof(DiffAenderung));
    public static string DiffInhaltVon => Get(nameof(DiffInhaltVon));
    public static string DiffInhaltGeaendert => Get(nameof(DiffInhaltGeaendert));
    public static string DiffTextvergleich => Get(nameof(DiffTextvergleich));
    public static string DiffUnifiedDiff => Get(nameof(DiffUnifiedDiff));
    public static string DiffZeilen => Get(nameof(DiffZeilen));
    public static string DiffNeu => Get(nameof(DiffNeu));
    public static string DiffEntfallen => Get(nameof(DiffEntfallen));
    public static string DiffGeaendert => Get(nameof(DiffGeaendert));
    public static string DiffFehlt => Get(nameof(DiffFehlt));

    // Definitions/Hochladen
    public static string HochladenTitel => Get(nameof(HochladenTitel));
    public static string HochladenEinleitung => Get(nameof(HochladenEinleitung));
    public static string HochladenDatei => Get(nameof(HochladenDatei));
    public static string HochladenPruefbericht => Get(nameof(HochladenPruefbericht));
    public static string HochladenEntscheidungen => Get(nameof(HochladenEntscheidungen));
    public static string HochladenProzesse => Get(nameof(HochladenProzesse));
    public static string HochladenKeineGelesen => Get(nameof(HochladenKeineGelesen));
    public static string HochladenKeineFehler => Get(nameof(HochladenKeineFehler));
    public static string HochladenFehler => Get(nameof(HochladenFehler));
    public static string HochladenWarnung => Get(nameof(HochladenWarnung));
    public static string HochladenWarnungen => Get(nameof(HochladenWarnungen));
    public static string HochladenHinweis => Get(nameof(HochladenHinweis));
    public static string HochladenHinweise => Get(nameof(HochladenHinweise));
    public static string HochladenRegisterluecke => Get(nameof(HochladenRegisterluecke));
    public static string HochladenRegisterluecken => Get(nameof(HochladenRegisterluecken));
    public static string HochladenSchwere => Get(nameof(HochladenSchwere));
    public static string HochladenBefund => Get(nameof(HochladenBefund));
    public static string HochladenElement => Get(nameof(HochladenElement));
    public static string HochladenBezeichnung => Get(nameof(HochladenBezeichnung));
    public static string HochladenZeile => Get(nameof(HochladenZeile));
    public static string HochladenCode => Get(nameof(HochladenCode));
    public static string HochladenArtKlaeren => Get(nameof(HochladenArtKlaeren));
    public static string HochladenArtKlaerenText => Get(nameof(HochladenArtKlaerenText));
    public static string HochladenArtKlaerenTextNach => Get(nameof(HochladenArtKlaerenTextNach));
    public static string HochladenSchrittAngaben => Get(nameof(HochladenSchrittAngaben));
    public static string HochladenKeineLane => Get(nameof(HochladenKeineLane));
    public static string HochladenWerErledigt => Get(nameof(HochladenWerErledigt));
    public static string HochladenVorschlag => Get(nameof(HochladenVorschlag));
    public static string HochladenRolle => Get(nameof(HochladenRolle));
    public static string HochladenRolleOhneLane => Get(nameof(HochladenRolleOhneLane));
    public static string HochladenRolleAusLane => Get(nameof(HochladenRolleAusLane));
    public static string HochladenStandardaufwand => Get(nameof(HochladenStandardaufwand));
    public static string HochladenAngabenUebernehmen => Get(nameof(HochladenAngabenUebernehmen));
    public static string HochladenRegisterpflicht => Get(nameof(HochladenRegisterpflicht));
    public static string HochladenRegisterpflichtText => Get(nameof(HochladenRegisterpflichtText));
    public static string HochladenGesperrt => Get(nameof(HochladenGesperrt));
    public static string HochladenAlsEntwurf => Get(nameof(HochladenAlsEntwurf));
    public static string HochladenEntscheidungVersion => Get(nameof(HochladenEntscheidungVersion));

    // Definitions/Modeler
    public static string ModelerTitelNeu => Get(nameof(ModelerTitelNeu));
    public static string ModelerTitel => Get(nameof(ModelerTitel));
    public static string ModelerGrundlage => Get(nameof(ModelerGrundlage));
    public static string ModelerAktionen => Get(nameof(ModelerAktionen));
    public static string ModelerEntwurfSpeichern => Get(nameof(ModelerEntwurfSpeichern));
    public static string ModelerEntwurfGeoeffnet => Get(nameof(ModelerEntwurfGeoeffnet));
    public static string ModelerAutomatischGespeichert => Get(nameof(ModelerAutomatischGespeichert));
    public static string ModelerEntwurfVorhanden => Get(nameof(ModelerEntwurfVorhanden));
    public static string ModelerEntwurfVom => Get(nameof(ModelerEntwurfVom));
    public static string ModelerEntwurfFortsetzen => Get(nameof(ModelerEntwurfFortsetzen));
    public static string ModelerEntwurfVerwerfen => Get(nameof(ModelerEntwurfVerwerfen));
    public static string ModelerAlleEntwuerfe => Get(nameof(ModelerAlleEntwuerfe));
    public static string ModelerZeichenflaeche => Get(nameof(ModelerZeichenflaeche));
    public static string ModelerEigenschaften => Get(nameof(ModelerEigenschaften));

    // Decisions/Editor
    public static string EditorNeueEntscheidung => Get(nameof(EditorNeueEntscheidung));
    public static string EditorGrundlage => Get(nameof(EditorGrundlage));
    public static string EditorEinleitung => Get(nameof(EditorEinleitung));
    public static string EditorZuDenEntscheidungen => Get(nameof(EditorZuDenEntscheidungen));
    public static string EditorAktionen => Get(nameof(EditorAktionen));
    public static string EditorAnsichten => Get(nameof(EditorAnsichten));
    public static string EditorBearbeiten => Get(nameof(EditorBearbeiten));
    public static string EditorTestlauf => Get(nameof(EditorTestlauf));
    public static string EditorTestlaufText => Get(nameof(EditorTestlaufText));
    public static string EditorEntscheidung => Get(nameof(EditorEntscheidung));
    public static string EditorTestlaufStarten => Get(nameof(EditorTestlaufStarten));

    // Drafts/Entwuerfe
    public static string EntwuerfeTitel => Get(nameof(EntwuerfeTitel));
    public static string EntwuerfeEinleitung => Get(nameof(EntwuerfeEinleitung));
    public static string EntwuerfeKeine => Get(nameof(EntwuerfeKeine));
    public static string EntwuerfeGespeichert => Get(nameof(EntwuerfeGespeichert));
    public static string EntwuerfeAktionen => Get(nameof(EntwuerfeAktionen));
    public static string EntwuerfeNeuerProzess => Get(nameof(EntwuerfeNeuerProzess));
    public static string EntwuerfeProzessId => Get(nameof(EntwuerfeProzessId));
    public static string EntwuerfeFortsetzen => Get(nameof(EntwuerfeFortsetzen));
    public static string EntwuerfeVerwerfen => Get(nameof(EntwuerfeVerwerfen));

    // Admin/Benutzer
    public static string BenutzerTitel => Get(nameof(BenutzerTitel));
    public static string BenutzerEinleitung => Get(nameof(BenutzerEinleitung));
    public static string BenutzerTabelle => Get(nameof(BenutzerTabelle));
    public static string BenutzerAnmeldename => Get(nameof(BenutzerAnmeldename));
    public static string BenutzerRollen => Get(nameof(BenutzerRollen));
    public static string BenutzerPostkoerbe => Get(nameof(BenutzerPostkoerbe));
    public static string BenutzerAnlegen => Get(nameof(BenutzerAnlegen));
    public static string BenutzerAnmeldenameHinweis => Get(nameof(BenutzerAnmeldenameHinweis));
    public static string BenutzerErstesPasswort => Get(nameof(BenutzerErstesPasswort));
    public static string BenutzerAktiv => Get(nameof(BenutzerAktiv));
    public static string BenutzerDeaktiviert => Get(nameof(BenutzerDeaktiviert));
    public static string BenutzerSingleSignOn => Get(nameof(BenutzerSingleSignOn));
    public static string BenutzerOhnePasswort => Get(nameof(BenutzerOhnePasswort));
    public static string BenutzerGesperrtBis => Get(nameof(BenutzerGesperrtBis));

    // Admin/Person
    public static string PersonTitel => Get(nameof(PersonTitel));
    public static string PersonNichtGefunden => Get(nameof(PersonNichtGefunden));
    public static string PersonGibtEsNicht => Get(nameof(PersonGibtEsNicht));
    public static string PersonUeberschrift => Get(nameof(PersonUeberschrift));
    public static string PersonRollenUndPostkoerbe => Get(nameof(PersonRollenUndPostkoerbe));
    public static string PersonAktiv => Get(nameof(PersonAktiv));
    public static string PersonPasswortZuruecksetzen => Get(nameof(PersonPasswortZuruecksetzen));
    public static string PersonPasswortSetzen => Get(nameof(PersonPasswortSetzen));
    public static string PersonAnmeldesperre => Get(nameof(PersonAnmeldesperre));
    public static string PersonGesperrtBis => Get(nameof(PersonGesperrtBis));
    public static string PersonSperreAufheben => Get(nameof(PersonSperreAufheben));
    public static string PersonLoeschen => Get(nameof(PersonLoeschen));
    public static string PersonLoeschenHinweis => Get(nameof(PersonLoeschenHinweis));
    public static string PersonLoeschenBestaetigen => Get(nameof(PersonLoeschenBestaetigen));

    // Admin/_RoleFields
    public static string RollenfelderPostkoerbe => Get(nameof(RollenfelderPostkoerbe));
    public static string RollenfelderBeispiel => Get(nameof(RollenfelderBeispiel));

    // Admin/Tokens
    public static string TokensTitel => Get(nameof(TokensTitel));
    public static string TokensDokuVor => Get(nameof(TokensDokuVor));
    public static string TokensDokuLink => Get(nameof(TokensDokuLink));
    public static string TokensDokuNach => Get(nameof(TokensDokuNach));
    public static string TokensEinleitung => Get(nameof(TokensEinleitung));
    public static string TokensAllePersonen => Get(nameof(TokensAllePersonen));
    public static string TokensEigene => Get(nameof(TokensEigene));
    public static string TokensNeu => Get(nameof(TokensNeu));
    public static string TokensErzeugen => Get(nameof(TokensErzeugen));
    public static string TokensVerwendung => Get(nameof(TokensVerwendung));
    public static string TokensVerwendungBeispiel => Get(nameof(TokensVerwendungBeispiel));
    public static string TokensGueltigkeit => Get(nameof(TokensGueltigkeit));
    public static string TokensAlle => Get(nameof(TokensAlle));
    public static string TokensIhre => Get(nameof(TokensIhre));
    public static string TokensKeine => Get(nameof(TokensKeine));
    public static string TokensTabelle => Get(nameof(TokensTabelle));
    public static string TokensErzeugt => Get(nameof(TokensErzeugt));
    public static string TokensLaeuftAb => Get(nameof(TokensLaeuftAb));
    public static string TokensZuletztBenutzt => Get(nameof(TokensZuletztBenutzt));
    public static string TokensAbgelaufen => Get(nameof(TokensAbgelaufen));
    public static string TokensNie => Get(nameof(TokensNie));
    public static string TokensWiderrufenName => Get(nameof(TokensWiderrufenName));
    public static string TokensWiderrufen => Get(nameof(TokensWiderrufen));

    // Auth/Anmelden, Auth/KeinZugriff, the login rate limiter's 429 page
    public static string AnmeldenTitel => Get(nameof(AnmeldenTitel));
    public static string AnmeldenBenutzername => Get(nameof(AnmeldenBenutzername));
    public static string AnmeldenPasswort => Get(nameof(AnmeldenPasswort));
    public static string AnmeldenSingleSignOn => Get(nameof(AnmeldenSingleSignOn));
    public static string KeinZugriffTitel => Get(nameof(KeinZugriffTitel));
    public static string KeinZugriffText => Get(nameof(KeinZugriffText));
    public static string AnmeldenZuVieleVersuche => Get(nameof(AnmeldenZuVieleVersuche));
    public static string AnmeldenZuVieleVersucheText => Get(nameof(AnmeldenZuVieleVersucheText));
    public static string AnmeldenZurAnmeldung => Get(nameof(AnmeldenZurAnmeldung));

    // Setup/Einrichtung
    public static string EinrichtungTitel => Get(nameof(EinrichtungTitel));
    public static string EinrichtungTextVor => Get(nameof(EinrichtungTextVor));
    public static string EinrichtungTextNach => Get(nameof(EinrichtungTextNach));
    public static string EinrichtungWiederholen => Get(nameof(EinrichtungWiederholen));
    public static string EinrichtungFestlegen => Get(nameof(EinrichtungFestlegen));
    public static string EinrichtungPasswortZuKurz => Get(nameof(EinrichtungPasswortZuKurz));

    // Errors/Fehler
    public static string FehlerCode => Get(nameof(FehlerCode));

    // Home/Index
    public static string StartTitel => Get(nameof(StartTitel));
    public static string StartWillkommen => Get(nameof(StartWillkommen));
    public static string StartRollen => Get(nameof(StartRollen));
    public static string StartAufgaben => Get(nameof(StartAufgaben));
    public static string StartVorgaenge => Get(nameof(StartVorgaenge));
    public static string StartProzesse => Get(nameof(StartProzesse));
    public static string StartModeler => Get(nameof(StartModeler));
    public static string StartApi => Get(nameof(StartApi));

    // Shared/_Layout
    public static string LayoutProdukt => Get(nameof(LayoutProdukt));
    public static string LayoutZumInhalt => Get(nameof(LayoutZumInhalt));
    public static string LayoutHauptnavigation => Get(nameof(LayoutHauptnavigation));
    public static string LayoutModeler => Get(nameof(LayoutModeler));
    public static string LayoutEntwuerfe => Get(nameof(LayoutEntwuerfe));
    public static string LayoutJobcenter => Get(nameof(LayoutJobcenter));
    public static string LayoutSimulation => Get(nameof(LayoutSimulation));
    public static string LayoutPersonen => Get(nameof(LayoutPersonen));
    public static string LayoutProtokoll => Get(nameof(LayoutProtokoll));
    public static string LayoutFaktoren => Get(nameof(LayoutFaktoren));
    public static string LayoutArbeitsmarktdaten => Get(nameof(LayoutArbeitsmarktdaten));
    public static string LayoutWirkung => Get(nameof(LayoutWirkung));
    public static string LayoutBerichtsarchiv => Get(nameof(LayoutBerichtsarchiv));
    public static string LayoutAuftraege => Get(nameof(LayoutAuftraege));
    public static string LayoutOffeneDaten => Get(nameof(LayoutOffeneDaten));
    public static string LayoutAbmelden => Get(nameof(LayoutAbmelden));
    public static string LayoutFusszeile => Get(nameof(LayoutFusszeile));

    // Shared/_FormFields
    public static string FormularDateiHinweis => Get(nameof(FormularDateiHinweis));
    public static string FormularEmailUngueltig => Get(nameof(FormularEmailUngueltig));

    // Jobs/Auftraege
    public static string AuftraegeTitel => Get(nameof(AuftraegeTitel));
    public static string AuftraegeEinleitung => Get(nameof(AuftraegeEinleitung));
    public static string AuftraegeKeine => Get(nameof(AuftraegeKeine));
    public static string AuftraegeLaeuft => Get(nameof(AuftraegeLaeuft));
    public static string AuftraegeFertig => Get(nameof(AuftraegeFertig));
    public static string AuftraegeAbgebrochen => Get(nameof(AuftraegeAbgebrochen));
    public static string AuftraegeFehlgeschlagen => Get(nameof(AuftraegeFehlgeschlagen));
    public static string AuftraegeGestartet => Get(nameof(AuftraegeGestartet));

    // Jobs/Auftrag
    public static string AuftragLaeuftSeit => Get(nameof(AuftragLaeuftSeit));
    public static string AuftragVonSelbst => Get(nameof(AuftragVonSelbst));
    public static string AuftragAktualisieren => Get(nameof(AuftragAktualisieren));
    public static string AuftragAbbrechen => Get(nameof(AuftragAbbrechen));
    public static string AuftragBeendetMitFehlern => Get(nameof(AuftragBeendetMitFehlern));
    public static string AuftragFertig => Get(nameof(AuftragFertig));
    public static string AuftragAbgebrochen => Get(nameof(AuftragAbgebrochen));
    public static string AuftragFehlgeschlagen => Get(nameof(AuftragFehlgeschlagen));
    public static string AuftragAm => Get(nameof(AuftragAm));
    public static string AuftragHerunterladen => Get(nameof(AuftragHerunterladen));
    public static string AuftragDateiGroesse => Get(nameof(AuftragDateiGroesse));
    public static string AuftragFehlerInEingabe => Get(nameof(AuftragFehlerInEingabe));
    public static string AuftragStelle => Get(nameof(AuftragStelle));
    public static string AuftragSpalte => Get(nameof(AuftragSpalte));
    public static string AuftragFehler => Get(nameof(AuftragFehler));
    public static string AuftragWeiter => Get(nameof(AuftragWeiter));
    public static string AuftragZurSeite => Get(nameof(AuftragZurSeite));
    public static string AuftragAlle => Get(nameof(AuftragAlle));

    // Signals/Signale
    public static string SignaleTitel => Get(nameof(SignaleTitel));
    public static string SignaleEinleitung => Get(nameof(SignaleEinleitung));
    public static string SignaleName => Get(nameof(SignaleName));

    // Audit/Protokoll
    public static string ProtokollTitel => Get(nameof(ProtokollTitel));
    public static string ProtokollEinleitung => Get(nameof(ProtokollEinleitung));
    public static string ProtokollArt => Get(nameof(ProtokollArt));
    public static string ProtokollObjekt => Get(nameof(ProtokollObjekt));
    public static string ProtokollWer => Get(nameof(ProtokollWer));
    public static string ProtokollVon => Get(nameof(ProtokollVon));
    public static string ProtokollBis => Get(nameof(ProtokollBis));
    public static string ProtokollCsv => Get(nameof(ProtokollCsv));
    public static string ProtokollCsvGrenze => Get(nameof(ProtokollCsvGrenze));
    public static string ProtokollTabelle => Get(nameof(ProtokollTabelle));
    public static string ProtokollZeitpunkt => Get(nameof(ProtokollZeitpunkt));
    public static string ProtokollAktion => Get(nameof(ProtokollAktion));
    public static string ProtokollVorher => Get(nameof(ProtokollVorher));
    public static string ProtokollNachher => Get(nameof(ProtokollNachher));
    public static string ProtokollBegruendung => Get(nameof(ProtokollBegruendung));
    public static string ProtokollKeine => Get(nameof(ProtokollKeine));

    // Connectors/Geheimnisse
    public static string GeheimnisseTitel => Get(nameof(GeheimnisseTitel));
    public static string GeheimnisseEinleitungVor => Get(nameof(GeheimnisseEinleitungVor));
    public static string GeheimnisseEinleitungNach => Get(nameof(GeheimnisseEinleitungNach));
    public static string GeheimnisseAnlegen => Get(nameof(GeheimnisseAnlegen));
    public static string GeheimnisseName => Get(nameof(GeheimnisseName));
    public static string GeheimnisseWert => Get(nameof(GeheimnisseWert));
    public static string GeheimnisseGespeichert => Get(nameof(GeheimnisseGespeichert));
    public static string GeheimnisseKeine => Get(nameof(GeheimnisseKeine));
    public static string GeheimnisseTabelle => Get(nameof(GeheimnisseTabelle));
    public static string GeheimnisseZuletztErsetzt => Get(nameof(GeheimnisseZuletztErsetzt));
    public static string GeheimnisseLoeschenName => Get(nameof(GeheimnisseLoeschenName));
    public static string GeheimnisseLoeschen => Get(nameof(GeheimnisseLoeschen));

    // Connectors/Ziele
    public static string ZieleTitel => Get(nameof(ZieleTitel));
    public static string ZieleEinleitung => Get(nameof(ZieleEinleitung));
    public static string ZieleErlauben => Get(nameof(ZieleErlauben));
    public static string ZieleHost => Get(nameof(ZieleHost));
    public static string ZieleHostBeispiel => Get(nameof(ZieleHostBeispiel));
    public static string ZielePortFeld => Get(nameof(ZielePortFeld));
    public static string ZieleNotiz => Get(nameof(ZieleNotiz));
    public static string ZieleNotizBeispiel => Get(nameof(ZieleNotizBeispiel));
    public static string ZieleErlaubenKnopf => Get(nameof(ZieleErlaubenKnopf));
    public static string ZieleListe => Get(nameof(ZieleListe));
    public static string ZieleKeine => Get(nameof(ZieleKeine));
    public static string ZieleTabelle => Get(nameof(ZieleTabelle));
    public static string ZieleZiel => Get(nameof(ZieleZiel));
    public static string ZielePort => Get(nameof(ZielePort));
    public static string ZieleEingetragen => Get(nameof(ZieleEingetragen));
    public static string ZieleJeder => Get(nameof(ZieleJeder));
    public static string ZieleEntfernenName => Get(nameof(ZieleEntfernenName));
    public static string ZieleEntfernen => Get(nameof(ZieleEntfernen));
    public static string FormularSchreibgeschuetzt => Get(nameof(FormularSchreibgeschuetzt));
    public static string FormularPflichtfeld => Get(nameof(FormularPflichtfeld));
    public static string FormularMindestensZeichen => Get(nameof(FormularMindestensZeichen));
    public static string FormularHoechstensZeichen => Get(nameof(FormularHoechstensZeichen));
    public static string FormularMindestensWert => Get(nameof(FormularMindestensWert));
    public static string FormularHoechstensWert => Get(nameof(FormularHoechstensWert));
    public static string FormularEinerDieserWerte => Get(nameof(FormularEinerDieserWerte));
    public static string FormularJaOderNein => Get(nameof(FormularJaOderNein));
    public static string FormularGanzeZahl => Get(nameof(FormularGanzeZahl));
    public static string FormularZahl => Get(nameof(FormularZahl));
    public static string FormularDatum => Get(nameof(FormularDatum));
    public static string FormularDokument => Get(nameof(FormularDokument));
    public static string FormularTyp => Get(nameof(FormularTyp));
}
