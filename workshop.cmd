@echo off
rem The workshop command for Windows: builds workshop-cli on first use, then runs it with a JDK 21 or newer.
setlocal enabledelayedexpansion
set "ROOT=%~dp0"
set "ROOT=%ROOT:~0,-1%"
set "CLI=%ROOT%\workshop-cli"
set "STAMP=%CLI%\target\workshop-launcher.stamp"

set "JDK="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\javac.exe" call :check "%JAVA_HOME%"
if not defined JDK for /d %%D in ("%ProgramFiles%\Eclipse Adoptium\*" "%ProgramFiles%\Java\*" "%ProgramFiles%\Microsoft\*" "%USERPROFILE%\.jdks\*") do (
  if not defined JDK if exist "%%~D\bin\javac.exe" call :check "%%~D"
)
if not defined JDK (
  echo workshop: no JDK 21 or newer found ^(looked at JAVA_HOME and the usual install folders^); install one, e.g. Temurin 21, and set JAVA_HOME to it. 1>&2
  exit /b 3
)

set "BUILD="
if not exist "%STAMP%" set "BUILD=1"
if not exist "%CLI%\target\lib" set "BUILD=1"
if not defined BUILD (
  rem Rebuild when a source file of the command is newer than the last build.
  for /f %%N in ('powershell -NoProfile -Command "$s=(Get-Item '%STAMP%').LastWriteTime; @(Get-ChildItem -Recurse -File '%CLI%\src\main','%ROOT%\workshop-kit\src\main','%ROOT%\trip-domain\src\main' | Where-Object { $_.LastWriteTime -gt $s }).Count"') do if not "%%N"=="0" set "BUILD=1"
)
if defined BUILD (
  echo workshop: building the workshop command ^(first use or sources changed; about a minute^) ... 1>&2
  pushd "%ROOT%"
  call mvnw.cmd -q -B -pl workshop-cli -am package -DskipTests
  if errorlevel 1 (
    popd
    echo workshop: the build of the workshop command failed; run mvnw.cmd -pl workshop-cli -am package to see why. 1>&2
    exit /b 3
  )
  popd
  type nul > "%STAMP%"
)
for %%J in ("%CLI%\target\workshop-cli-*.jar") do set "JAR=%%~J"
if not defined WORKSHOP_ROOT set "WORKSHOP_ROOT=%ROOT%"
"%JDK%\bin\java.exe" -Dworkshop.root="%WORKSHOP_ROOT%" -cp "%JAR%;%CLI%\target\lib\*" workshop.cli.Workshop %*
exit /b %errorlevel%

:check
for /f "tokens=3" %%V in ('"%~1\bin\java.exe" -XshowSettings:properties -version 2^>^&1 ^| findstr /c:"java.specification.version"') do (
  for /f "delims=." %%M in ("%%V") do if %%M GEQ 21 set "JDK=%~1"
)
exit /b 0
