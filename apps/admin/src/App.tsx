export function App() {
  return (
    <main>
      <h1>Groundwork</h1>
    </main>
  );
}
