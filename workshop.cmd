@echo off
rem The workshop command for Windows: builds workshop-cli when no build has, then runs it with a JDK 21 or newer.
setlocal enabledelayedexpansion
set "ROOT=%~dp0"
set "ROOT=%ROOT:~0,-1%"
set "CLI=%ROOT%\workshop-cli"
rem The build writes this class path each time it compiles the command (mvnw.cmd test does too).
set "CPFILE=%CLI%\target\launcher-classpath.txt"

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
if not exist "%CPFILE%" set "BUILD=1"
if not exist "%CLI%\target\classes" set "BUILD=1"
if not defined BUILD (
  rem Rebuild when a source file of the command is newer than the last build.
  for /f %%N in ('powershell -NoProfile -Command "$s=(Get-Item '%CPFILE%').LastWriteTime; @(Get-ChildItem -Recurse -File '%CLI%\src\main','%ROOT%\workshop-kit\src\main','%ROOT%\trip-domain\src\main' | Where-Object { $_.LastWriteTime -gt $s }).Count"') do if not "%%N"=="0" set "BUILD=1"
)
if defined BUILD (
  echo workshop: building the workshop command ^(first use, or its sources changed since the last build^) ... 1>&2
  pushd "%ROOT%"
  call mvnw.cmd -q -B -pl workshop-cli process-classes
  if errorlevel 1 (
    popd
    echo workshop: the build of the workshop command failed; run mvnw.cmd -pl workshop-cli process-classes to see why. 1>&2
    exit /b 3
  )
  popd
)
for /f "usebackq delims=" %%C in ("%CPFILE%") do set "LIBS=%%C"
if not defined WORKSHOP_ROOT set "WORKSHOP_ROOT=%ROOT%"
"%JDK%\bin\java.exe" -Dworkshop.root="%WORKSHOP_ROOT%" -cp "%CLI%\target\classes;!LIBS!" workshop.cli.Workshop %*
exit /b %errorlevel%

:check
for /f "tokens=3" %%V in ('"%~1\bin\java.exe" -XshowSettings:properties -version 2^>^&1 ^| findstr /c:"java.specification.version"') do (
  for /f "delims=." %%M in ("%%V") do if %%M GEQ 21 set "JDK=%~1"
)
exit /b 0
