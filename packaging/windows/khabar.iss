; Inno Setup script of Khabar's Windows installer (Inno Setup 6.5 or newer: its
; Arabic messages ship with it since 6.5).
;
; Made by `python packaging\build.py windows`, which builds the bundle
; (build\dist\khabar) and runs
;     iscc /DAppVersion=<reader.__version__> packaging\windows\khabar.iss
; The version is passed in so that it is written in one place only.
; Output: build\packages\khabar-<version>-windows-x64-setup.exe

#if VER < EncodeVer(6, 5, 0)
  #error Inno Setup 6.5 or newer is needed (for its Arabic messages).
#endif
#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z khabar.iss (packaging\build.py windows does).
#endif

#define Root "..\.."

[Setup]
; Never change AppId: Windows knows an installed Khabar by it (upgrades, uninstall).
AppId={{6F1B5C2E-3A4D-4E8B-9C71-2D5A8E0B7F43}
AppName=Khabar
AppVerName=Khabar {#AppVersion}
AppVersion={#AppVersion}
VersionInfoVersion={#AppVersion}
AppPublisher=The Khabar developers
AppPublisherURL=https://github.com/khabar-reader/khabar
AppSupportURL=https://github.com/khabar-reader/khabar/issues
AppCopyright=GPL-3.0-or-later
DefaultDirName={autopf}\Khabar
DefaultGroupName=Khabar
DisableProgramGroupPage=yes
; Installs for everyone by default; a user without administrator rights may
; choose to install for themselves only.
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#Root}\build\packages
OutputBaseFilename=khabar-{#AppVersion}-windows-x64-setup
SetupIconFile={#Root}\build\bundle-data\icons\khabar.ico
UninstallDisplayIcon={app}\khabar.exe
UninstallDisplayName=Khabar
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto
; The library (%LOCALAPPDATA%\khabar) is the user's: uninstalling leaves it.

[Languages]
Name: "arabic"; MessagesFile: "compiler:Languages\Arabic.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole PyInstaller folder: khabar.exe (the window), khabar-cli.exe (the
; command line and `khabar-cli --selftest`) and _internal\.
Source: "{#Root}\build\dist\khabar\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Khabar"; Filename: "{app}\khabar.exe"; AppUserModelID: "io.github.khabar_reader.Khabar"
Name: "{autodesktop}\Khabar"; Filename: "{app}\khabar.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\khabar.exe"; Description: "{cm:LaunchProgram,Khabar}"; Flags: nowait postinstall skipifsilent
